import type { Logger } from 'pino';
import type { SessionStore } from './auth/SessionStore';
import type { LocalUser, UserDirectory } from './auth/UserDirectory';
import type { DiagramIndex } from '../../lib/timeline/DiagramIndex';
import type { EngineGateway } from '../../lib/camunda/EngineGateway';
import type { DisruptionLoader } from '../../lib/timeline/DisruptionLoader';
import type { Session } from './auth/SessionStore';
import type { SignInThrottle } from '../../lib/auth/SignInThrottle';
import type { SharedSignIn } from '../../lib/auth/SharedSignIn';

/** What every route of the local web gets. */
export interface WebContext {
  engine: EngineGateway;
  diagrams: DiagramIndex;
  loader: DisruptionLoader;
  users: UserDirectory;
  sessions: SessionStore;
  loginThrottle: SignInThrottle;
  /** One sign-in with the service (`npm start`), when configured. */
  sharedSignIn?: SharedSignIn;
  /** How often the task list asks whether it changed (ms). */
  pollIntervalMs: number;
  logger: Logger;
}

export interface Auth {
  user: LocalUser;
  session: Session;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: Auth;
    /** The service's pages in the one navigation (`npm start`). */
    staffNav?: import('../../lib/web/staffNav').StaffNavOptions;
  }
}
