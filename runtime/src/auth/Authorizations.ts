import { Problem } from '../broker/Problem';
import type { Identity } from './ApiIdentities';

/** The resource types of Camunda 8.8's authorizations the runtime checks. */
export const RESOURCE_TYPES = ['PROCESS_DEFINITION', 'DECISION_DEFINITION', 'DECISION_REQUIREMENTS_DEFINITION', 'RESOURCE', 'MESSAGE', 'SYSTEM'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** Camunda 8.8's permission types of those resource types. */
export const PERMISSIONS = [
  // PROCESS_DEFINITION
  'CREATE_PROCESS_INSTANCE',
  'READ_PROCESS_DEFINITION',
  'READ_PROCESS_INSTANCE',
  'UPDATE_PROCESS_INSTANCE',
  'CANCEL_PROCESS_INSTANCE',
  'READ_USER_TASK',
  'UPDATE_USER_TASK',
  // DECISION_DEFINITION; DECISION_REQUIREMENTS_DEFINITION: READ
  'CREATE_DECISION_INSTANCE',
  'READ_DECISION_DEFINITION',
  'READ_DECISION_INSTANCE',
  // RESOURCE
  'CREATE',
  'READ',
  'DELETE_PROCESS',
  'DELETE_FORM',
  'DELETE_DRD',
  // MESSAGE: CREATE, READ; SYSTEM: READ, UPDATE
  'UPDATE',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** One authorization of the users file, as Camunda's (owner, resource type, resource ids, permissions); `*` is every resource. */
export interface Authorization {
  ownerType: 'USER' | 'GROUP' | 'ROLE';
  ownerId: string;
  resourceType: ResourceType;
  resourceIds: string[];
  permissions: Permission[];
}

/** Camunda's built-in role with every permission on every resource. */
export const ADMIN_ROLE = 'admin';

/**
 * Authorizations as a self-managed Camunda 8.8 with authorizations enabled checks them: an identity may do what an
 * authorization of the user, of one of its groups or of one of its roles permits; the `admin` role permits everything.
 * A refusal is Camunda's 403 `FORBIDDEN` "Insufficient permissions to perform operation '…' on resource '…', required
 * resource identifiers are one of '[*, …]'"; a search shows only what the identity may read.
 */
export class Authorizations {
  constructor(private readonly authorizations: Authorization[]) {}

  isAdmin(identity: Identity): boolean {
    return identity.roles.includes(ADMIN_ROLE);
  }

  /** May `identity` do `permission` on the resource `resourceId` (any resource when undefined: it needs `*`) of `resourceType`? */
  can(identity: Identity, resourceType: ResourceType, permission: Permission, resourceId?: string): boolean {
    if (this.isAdmin(identity)) return true;
    return this.authorizations.some(
      (a) =>
        a.resourceType === resourceType &&
        a.permissions.includes(permission) &&
        (a.resourceIds.includes('*') || (resourceId !== undefined && a.resourceIds.includes(resourceId))) &&
        ((a.ownerType === 'USER' && a.ownerId === identity.id) ||
          (a.ownerType === 'GROUP' && identity.groups.includes(a.ownerId)) ||
          (a.ownerType === 'ROLE' && identity.roles.includes(a.ownerId))),
    );
  }

  /** Throws Camunda's 403 unless `identity` may do it. */
  require(identity: Identity, resourceType: ResourceType, permission: Permission, resourceId?: string): void {
    if (this.can(identity, resourceType, permission, resourceId)) return;
    const ids = resourceId === undefined ? '' : `, required resource identifiers are one of '[*, ${resourceId}]'`;
    throw Problem.forbidden(`Insufficient permissions to perform operation '${permission}' on resource '${resourceType}'${ids}`);
  }

  /** The resource ids of `resourceType` the identity may `permission` (true: all of them), for filtering searches. */
  readable(identity: Identity, resourceType: ResourceType, permission: Permission): (resourceId: string) => boolean {
    if (this.isAdmin(identity)) return () => true;
    return (resourceId) => this.can(identity, resourceType, permission, resourceId);
  }
}
