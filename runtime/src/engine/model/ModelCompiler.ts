import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import { ModelValidationError } from './ModelValidationError';
import type { MEl } from './moddle';
import { ProcessCompilation } from './ProcessCompilation';
import type { ProcessModel } from './ProcessModel';

export { ModelValidationError } from './ModelValidationError';

const requireJson = createRequire(__filename);
const zeebeDescriptor = requireJson('zeebe-bpmn-moddle/resources/zeebe.json') as object;

export interface CompiledResource {
  processes: Array<{ model: ProcessModel; name: string | null }>;
}

/**
 * Parses BPMN XML with bpmn-moddle + zeebe-bpmn-moddle, refuses what the runtime does not
 * execute (naming element id, type and reason) and compiles each executable process into a
 * ProcessModel.
 */
export class ModelCompiler {
  private readonly moddle = new BpmnModdle({ zeebe: zeebeDescriptor });

  async compile(resourceName: string, xml: string): Promise<CompiledResource> {
    let definitions: MEl;
    let warnings: Array<{ message: string }>;
    try {
      const parsed = await this.moddle.fromXML(xml, 'bpmn:Definitions');
      definitions = parsed.rootElement;
      warnings = (parsed as { warnings?: Array<{ message: string }> }).warnings ?? [];
    } catch (err) {
      throw new ModelValidationError(resourceName, [`not a valid BPMN 2.0 XML document: ${err instanceof Error ? err.message : String(err)}`]);
    }
    const findings: string[] = [];
    for (const w of warnings) {
      if (/unparsable content|unknown type|unresolved reference/i.test(w.message)) findings.push(`XML problem: ${w.message}`);
    }
    const processes = ((definitions.rootElements ?? []) as MEl[]).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable !== false);
    if (processes.length === 0) findings.push('the definitions contain no executable process (bpmn:process isExecutable="true")');
    const out: CompiledResource = { processes: [] };
    for (const p of processes) {
      const model = new ProcessCompilation(p, findings).compile();
      out.processes.push({ model, name: model.name });
    }
    if (findings.length > 0) throw new ModelValidationError(resourceName, findings);
    return out;
  }
}
