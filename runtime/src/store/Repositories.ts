import { DecisionRepository } from './DecisionRepository';
import { DefinitionRepository } from './DefinitionRepository';
import { ElementRepository } from './ElementRepository';
import { FormRepository } from './FormRepository';
import { IncidentRepository } from './IncidentRepository';
import { InstanceRepository } from './InstanceRepository';
import { JobRepository } from './JobRepository';
import { MessageRepository } from './MessageRepository';
import { MetaRepository } from './MetaRepository';
import { SignalRepository } from './SignalRepository';
import { Store } from './Store';
import { SubscriptionRepository } from './SubscriptionRepository';
import { TimerRepository } from './TimerRepository';
import { UserTaskRepository } from './UserTaskRepository';
import { VariableRepository } from './VariableRepository';

/**
 * The runtime's SQLite database and one repository per table family: the only place with SQL
 * (test/runtime/sourceLayout.test.ts keeps it so). `transaction` runs a command (or, nested, a savepoint).
 */
export class Repositories {
  readonly meta: MetaRepository;
  readonly definitions: DefinitionRepository;
  readonly forms: FormRepository;
  readonly decisions: DecisionRepository;
  readonly instances: InstanceRepository;
  readonly elements: ElementRepository;
  readonly variables: VariableRepository;
  readonly jobs: JobRepository;
  readonly userTasks: UserTaskRepository;
  readonly incidents: IncidentRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly messages: MessageRepository;
  readonly timers: TimerRepository;
  readonly signals: SignalRepository;
  private readonly store: Store;

  constructor(databasePath: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL') {
    const store = new Store(databasePath, synchronous);
    this.store = store;
    this.meta = new MetaRepository(store);
    this.definitions = new DefinitionRepository(store);
    this.forms = new FormRepository(store);
    this.decisions = new DecisionRepository(store);
    this.instances = new InstanceRepository(store);
    this.elements = new ElementRepository(store);
    this.variables = new VariableRepository(store);
    this.jobs = new JobRepository(store);
    this.userTasks = new UserTaskRepository(store);
    this.incidents = new IncidentRepository(store);
    this.subscriptions = new SubscriptionRepository(store);
    this.messages = new MessageRepository(store);
    this.timers = new TimerRepository(store);
    this.signals = new SignalRepository(store);
  }

  /** Runs fn in a transaction (a savepoint when already inside one). */
  transaction<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  close(): void {
    this.store.close();
  }
}
