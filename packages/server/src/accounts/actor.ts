/** The signed-in person as every route sees them: account and memberships with their organisation paths. */
import type { Role } from "./schema.ts";

export interface ActorMembership {
  role: Role;
  /** NULL for the administrator roles (they are not tied to an organisation). */
  orgId: string | null;
  orgPath: string | null;
}

export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  csrfToken: string;
  memberships: ActorMembership[];
}
