/** HTML that has been built by `html\`\`` (all interpolations escaped) and may be inserted as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}
