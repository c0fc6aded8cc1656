import type { DirectoryRole, Recipient } from '../config';
import { DIRECTORY_ROLES } from '../config';

/**
 * Roles → recipients, from configuration (validated by the config schema: every role has at least one
 * recipient with a valid address). `prescribers` is not a directory role: they are the reporters.
 */
export class RoleDirectory {
  constructor(private readonly entries: Record<DirectoryRole, Recipient[]>) {}

  static isDirectoryRole(role: string): role is DirectoryRole {
    return (DIRECTORY_ROLES as readonly string[]).includes(role);
  }

  recipients(role: DirectoryRole): Recipient[] {
    return this.entries[role];
  }

  /** R3: is `approvedBy` (a Tasklist user id or an e-mail address) a member of the system-owner group? */
  isSystemOwner(approvedBy: string): boolean {
    const who = approvedBy.trim().toLowerCase();
    return this.entries['system-owner'].some((r) => r.userId?.toLowerCase() === who || r.email.toLowerCase() === who);
  }

  /** Display name of the first recipient of a role (no contact data). */
  displayName(role: DirectoryRole): string {
    return this.entries[role][0]?.name ?? role;
  }
}
