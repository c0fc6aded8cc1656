import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CANDIDATE_GROUPS } from '../../../contract/roles';
import { verifyPassword } from '../../../lib/auth/password';

const userSchema = z.object({
  /** Sign-in name; also the assignee id in the engine and `approvedBy` in forms. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'id: gemener, siffror, . _ - (2–64 tecken)'),
  name: z.string().min(1).max(200),
  groups: z.array(z.enum(CANDIDATE_GROUPS as [string, ...string[]])).min(1),
  passwordHash: z.string().startsWith('scrypt$'),
});
const usersFileSchema = z.object({ users: z.array(userSchema).min(1) });

export type LocalUser = Omit<z.infer<typeof userSchema>, 'passwordHash'>;

/** A hash of a random password: unknown users cost as much time as known ones. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The local users and their candidate groups (`runtime/web/users.json` or `LOCAL_WEB_USERS_FILE`). */
export class UserDirectory {
  private readonly users: Map<string, z.infer<typeof userSchema>>;

  private constructor(users: Array<z.infer<typeof userSchema>>) {
    this.users = new Map(users.map((u) => [u.id, u]));
  }

  /** Read and validate the file; throws one error listing every problem. */
  static fromFile(path: string): UserDirectory {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`Cannot read users file ${path}: ${(err as Error).message}`, { cause: err });
    }
    const parsed = usersFileSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid users file ${path}: ${problems}`);
    }
    const ids = parsed.data.users.map((u) => u.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (duplicates.length) throw new Error(`Invalid users file ${path}: duplicate ids ${duplicates.join(', ')}`);
    return new UserDirectory(parsed.data.users);
  }

  get(id: string): LocalUser | undefined {
    const u = this.users.get(id);
    return u ? { id: u.id, name: u.name, groups: u.groups } : undefined;
  }

  all(): LocalUser[] {
    return [...this.users.keys()].map((id) => this.get(id) as LocalUser);
  }

  /** The user when id and password match, else undefined (same cost either way). */
  async authenticate(id: string, password: string): Promise<LocalUser | undefined> {
    const u = this.users.get(id.trim().toLowerCase());
    const ok = await verifyPassword(password, u?.passwordHash ?? DUMMY_HASH);
    return u && ok ? this.get(u.id) : undefined;
  }
}
