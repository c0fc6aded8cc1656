import type fc from 'fast-check';
import type { FuzzRequest, RawResponse } from './RawHttp';
import type { LogCapture } from './LogCapture';
import type { StoreWatch } from './StoreWatch';

/** One public route of a server, with what hostile requests for it look like. */
export interface RouteSpec {
  /** e.g. `POST /intag`. */
  name: string;
  weight?: number;
  /** Requests for the route (`route` and `from` are filled in by the target). */
  request: fc.Arbitrary<Omit<FuzzRequest, 'route' | 'from'>>;
  /** The longest the server may take to answer this request (ms). Default 1 000. */
  deadlineMs?: (req: FuzzRequest) => number;
}

/** A server under fuzz: its routes, its stores, its logs. */
export interface FuzzTarget {
  readonly name: string;
  readonly baseUrl: string;
  readonly routes: RouteSpec[];
  /** The SQLite files it (and what it writes through) keeps its state in. */
  readonly stores: StoreWatch;
  readonly logs: LogCapture;
  /** Did the server refuse the request (so that nothing may have changed)? */
  rejected(req: FuzzRequest, res: RawResponse): boolean;
  /** A 5xx that is the server's declared contract, not a failure (with the reason), or undefined. */
  declared?(req: FuzzRequest, res: RawResponse): string | undefined;
  /**
   * A violation already known and owned by another issue (its reference), reported as known rather than failing this
   * suite; each entry says where it is fixed. Empty once the fix is merged.
   */
  known?(req: FuzzRequest, res: RawResponse): string | undefined;
  /** After an accepted request that may write: let its background work finish; refresh sessions it may have ended. */
  afterAccepted(req: FuzzRequest, res: RawResponse): Promise<void>;
  /** Is the server still serving? */
  alive(): Promise<boolean>;
  stop(): Promise<void>;
}

/** The loopback addresses fuzz requests come from (the harness signs in from others, so throttles never hit it). */
export const FUZZ_ADDRESSES = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'];
/** Where a harness signs in from (never a fuzz address, never one an X-Forwarded-For trick names). */
export const HARNESS_ADDRESS = '127.0.0.200';
