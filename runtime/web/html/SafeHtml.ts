/** A piece of HTML that is already escaped (or written by us); the only thing `html` inserts unescaped. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}
