/**
 * RBAC table printers (printers.go printRole, printClusterRole, printRoleBinding,
 * printClusterRoleBinding): roles show their creation time as RFC 3339 (`CREATED AT`), not an
 * age; bindings show `Kind/name` of their role and, with -o wide, their subjects — users, groups,
 * and service accounts as `namespace/name` (rbac.SubjectsStrings), each joined by ", ".
 */
import type { KObject } from '../../engine/api/types.ts';
import { translateTimestampSince } from './age.ts';
import { asArray, asRecord, asString, type ResourcePrinter } from './column-types.ts';

/** Role and ClusterRole: NAME, CREATED AT. */
export const rolePrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Created At' }],
  row: (role) => [asString(role.metadata.name), asString(role.metadata.creationTimestamp)],
};

/** rbac.SubjectsStrings: users, groups, service accounts (others are not shown). */
function subjectsStrings(binding: KObject): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const accounts: string[] = [];
  for (const raw of asArray((binding as unknown as Record<string, unknown>).subjects)) {
    const s = asRecord(raw);
    const name = asString(s.name);
    if (s.kind === 'ServiceAccount') accounts.push(`${asString(s.namespace)}/${name}`);
    else if (s.kind === 'User') users.push(name);
    else if (s.kind === 'Group') groups.push(name);
  }
  return [users, groups, accounts];
}

/** RoleBinding and ClusterRoleBinding: NAME, ROLE, AGE; wide adds USERS, GROUPS, SERVICEACCOUNTS. */
export const roleBindingPrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' },
    { name: 'Role' },
    { name: 'Age' },
    { name: 'Users', priority: 1 },
    { name: 'Groups', priority: 1 },
    { name: 'ServiceAccounts', priority: 1 },
  ],
  row(binding, ctx) {
    const ref = asRecord((binding as unknown as Record<string, unknown>).roleRef);
    const [users, groups, accounts] = subjectsStrings(binding);
    return [
      asString(binding.metadata.name),
      `${asString(ref.kind)}/${asString(ref.name)}`,
      translateTimestampSince(binding.metadata.creationTimestamp, ctx.nowMs),
      users.join(', '),
      groups.join(', '),
      accounts.join(', '),
    ];
  },
};
