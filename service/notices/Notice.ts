import { z } from 'zod';
import { NOTICE_KINDS, NOTICE_STATES, type NoticeKind, type NoticeState } from '../../contract';

/** The published notices' shapes and the store's port (R3, R4, P3); `SqliteNoticeStore` implements it. */
/** A link shown with a notice (R21, R22). */
export interface NoticeLink {
  title: string;
  url: string;
}

/** One published update of a notice (P3): every approved publication adds one. */
export interface NoticeUpdate {
  noticeId: string;
  updateNumber: number;
  state: NoticeState;
  title: string;
  body: string;
  /** The prognosis for people ("Sesam beräknas fungera igen tisdag 1 december 2026 kl. 14.30."). */
  prognosis?: string;
  /** The prognosed restoration time, ISO 8601 (T2; status.json). */
  prognosisAt?: string;
  links: NoticeLink[];
  /** Who approved it (R3): a member of the system-owner group. */
  approvedBy: string;
  approvedAt?: string;
  publishedAt: string;
}

/** A notice with its current state (= its latest update) and all its updates, newest first. */
export interface Notice {
  id: string;
  disruptionId: string;
  kind: NoticeKind;
  state: NoticeState;
  title: string;
  body: string;
  prognosis?: string;
  prognosisAt?: string;
  links: NoticeLink[];
  approvedBy: string;
  /** Exercise (P9): marked "ÖVNING", hidden from the public list. */
  drill: boolean;
  /** First publication. */
  publishedAt: string;
  /** Latest update. */
  updatedAt: string;
  updateNumber: number;
  url: string;
  updates: NoticeUpdate[];
}

/** What `publish-notice` hands over after the system owner's approval (R3). */
export const publishNoticeInputSchema = z.object({
  disruptionId: z.string().min(1).max(100),
  kind: z.enum(NOTICE_KINDS),
  state: z.enum(NOTICE_STATES),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(5000),
  prognosis: z.string().max(700).optional(),
  prognosisAt: z.iso.datetime({ offset: true }).optional(),
  /** Links (R22); defaults to the related documents, the backup routine's first for `backup-routine` (R21). */
  links: z.array(z.object({ title: z.string().min(1).max(200), url: z.url({ protocol: /^https?$/ }) })).max(20).optional(),
  approvedBy: z.string().min(1).max(200),
  approvedAt: z.string().optional(),
  drill: z.boolean().default(false),
  /**
   * Idempotency key of this publication, e.g. the job key: publishing again with the same
   * key returns the update already stored (a retried job does not publish twice). Without it, an update
   * identical to an existing one of the same notice (content, approver, approval time) is not stored again.
   */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type PublishNoticeInput = z.input<typeof publishNoticeInputSchema>;

/** What had been published for a disruption when it was closed (T3). */
export interface ClosedDisruption {
  disruptionId: string;
  /** Kinds of notice published before the close, oldest first (empty: nothing was public). */
  publishedKinds: NoticeKind[];
  closedAt: string;
}

export interface PublishResult {
  noticeId: string;
  updateNumber: number;
  url: string;
  /** false when the same publication had been stored before (idempotent retry). */
  created: boolean;
}

export interface ListOptions {
  /** Include drill notices (P9). Default false. */
  includeDrill?: boolean;
  /** Only drill notices. */
  onlyDrill?: boolean;
  limit?: number;
}

/** Approved, published notices (R3, R4, P3). Only `publish-notice` writes, after approval. */
export interface NoticeStore {
  publish(input: PublishNoticeInput): PublishResult;
  /** Notices not yet resolved/completed, newest update first. */
  current(options?: ListOptions): Notice[];
  /** All notices, newest update first. */
  list(options?: ListOptions): Notice[];
  get(id: string): Notice | undefined;
  /** Every update of every notice, newest first (for the feeds). */
  updates(options?: ListOptions): (NoticeUpdate & { notice: Notice })[];
  /** Is a backup-routine notice (R17, R21) current? Returns it. */
  activeBackupRoutine(options?: ListOptions): Notice | undefined;
  /** Public URL of a notice. */
  urlOf(noticeId: string): string;
  /**
   * T3: Sesam is restored. From now on only a final state may be published for the disruption (a publication racing
   * the restoration is either seen here or refused). Returns what had been published. Idempotent.
   */
  closeDisruption(disruptionId: string): ClosedDisruption;
}
