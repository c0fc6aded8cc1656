// dmn-moddle 12 ships no types: its `DmnModdle` factory and `fromXML`, as the runtime's DMN compiler calls them.
declare module 'dmn-moddle' {
  export interface DmnModdleInstance {
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: Array<{ message: string }> }>;
  }
  export function DmnModdle(packages?: Record<string, unknown>, options?: Record<string, unknown>): DmnModdleInstance;
}
