/**
 * A lane runs timelines one after another. Unpooled, every timeline gets a new system under test (full isolation);
 * pooled, the lane keeps one system and resets it between timelines (`TimelineSut.reset`), and replaces it after a
 * violation and every `recycleAfter` timelines (the runtime's tables grow with every timeline, and so does the cost of
 * looking at them). Several lanes run side by side (`TIMELINES_CONCURRENCY`).
 */
import { TimelineSut, type SutOptions } from '../support/sut';

export class Lane {
  private sut: TimelineSut | undefined;

  constructor(
    readonly pooled: boolean,
    private readonly recycleAfter = 25,
  ) {}

  async acquire(options: SutOptions): Promise<TimelineSut> {
    if (!this.pooled) return TimelineSut.start(options);
    if (this.sut && this.sut.timelines >= this.recycleAfter) await this.discard();
    if (!this.sut) {
      this.sut = await TimelineSut.start(options);
      return this.sut;
    }
    await this.sut.reset(options);
    return this.sut;
  }

  /** After a timeline: an unpooled system stops; a pooled one stays unless the timeline broke something. */
  async release(sut: TimelineSut, broken: boolean): Promise<void> {
    if (!this.pooled) {
      await sut.stop();
      return;
    }
    if (broken) await this.discard();
  }

  private async discard(): Promise<void> {
    const sut = this.sut;
    this.sut = undefined;
    await sut?.stop();
  }

  async close(): Promise<void> {
    await this.discard();
  }
}
