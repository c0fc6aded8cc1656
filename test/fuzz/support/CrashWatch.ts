/** Crashes of this process while fuzzing: an in-process server that throws where nothing catches. */
export class CrashWatch {
  readonly crashes: string[] = [];
  private readonly onError = (err: unknown) => this.crashes.push(String((err as Error)?.stack ?? err));

  install(): void {
    process.on('uncaughtException', this.onError);
    process.on('unhandledRejection', this.onError);
  }

  remove(): void {
    process.off('uncaughtException', this.onError);
    process.off('unhandledRejection', this.onError);
  }
}
