/**
 * `kubectl describe serviceaccount` (describe.go ServiceAccountDescriber): name, namespace,
 * labels, annotations, then the three secret lists under headers kubectl pads to one width and
 * prints in sorted order (Image pull secrets, Mountable secrets, Tokens), each name on its own
 * line, a mountable secret that does not exist marked `(not found)`. Tokens are the legacy
 * service-account-token Secrets annotated with this account's name and uid.
 */
import type { KObject } from '../../../engine/api/types.ts';
import { describeEvents, searchEvents } from './events.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, str } from './writer.ts';
import { tabbedString } from './writer.ts';

type Dict = Record<string, unknown>;
const names = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((e): e is Dict => typeof e === 'object' && e !== null).map((e) => str(e.name)) : [];

const EMPTY_HEADER = '                   ';
const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
const SA_UID_ANNOTATION = 'kubernetes.io/service-account.uid';

export function describeServiceAccountObject(ctx: DescribeContext, obj: KObject): string {
  const sa = obj as KObject & { secrets?: unknown; imagePullSecrets?: unknown };
  const namespace = sa.metadata.namespace ?? '';
  const secrets = ctx.store.list('secrets', { namespace }).items;
  const missing = new Set(names(sa.secrets));
  const tokens: string[] = [];
  for (const s of secrets) {
    missing.delete(s.metadata.name ?? '');
    const ann = s.metadata.annotations ?? {};
    if (s.type === 'kubernetes.io/service-account-token' && ann[SA_NAME_ANNOTATION] === sa.metadata.name && ann[SA_UID_ANNOTATION] === sa.metadata.uid) {
      tokens.push(s.metadata.name ?? '');
    }
  }
  // Sorted by header text, as kubectl's sets.StringKeySet(types).List().
  const lists: [string, string[]][] = [
    ['Image pull secrets:', names(sa.imagePullSecrets)],
    ['Mountable secrets: ', names(sa.secrets)],
    ['Tokens:            ', tokens],
  ];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${namespace}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    for (const [header, list] of lists) {
      if (list.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const name of list) {
        w.write(LEVEL_0, `${prefix}\t${name}${missing.has(name) ? ' (not found)' : ''}\n`);
        prefix = EMPTY_HEADER;
      }
    }
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: sa.metadata.name ?? '', namespace, kind: 'ServiceAccount', uid: sa.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}
