import { IntermediateCatchEventBehaviour } from './IntermediateCatchEventBehaviour';

/** Receive task: waits for its message exactly like a message intermediate catch event (and may have boundary events). */
export class ReceiveTaskBehaviour extends IntermediateCatchEventBehaviour {}
