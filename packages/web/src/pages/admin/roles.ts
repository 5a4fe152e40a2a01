import type { Role } from "../../api/endpoints.ts";

export const ROLE_TEXT: Record<Role, [string, string]> = {
  filler: ["填报", "Filler"],
  unit_approver: ["单位审核", "Unit approver"],
  reviewer: ["主管/财政审核", "Reviewer"],
  viewer: ["只读", "Viewer"],
  expert: ["评审专家", "Expert"],
  sysadmin: ["系统管理员", "System administrator"],
  secadmin: ["安全管理员", "Security administrator"],
  auditor: ["审计管理员", "Auditor"],
};

// The expert is held at an organisation (the bureau whose reviewers assign it records), like the business roles.
export const BUSINESS_ROLES: Role[] = ["filler", "unit_approver", "reviewer", "viewer", "expert"];
export const ADMIN_ROLES: Role[] = ["sysadmin", "secadmin", "auditor"];
