/**
 * `kubectl describe secret` (describe.go SecretDescriber): name, namespace, labels, annotations,
 * type, and each data key with its size in bytes (a service-account token's `token` is shown).
 * kubectl walks the data in Go's random map order; Podlab prints keys sorted.
 */
import { base64DecodedLength, decodeBase64 } from '../../../engine/api/admission/base64.ts';
import type { KObject, Secret } from '../../../engine/api/types.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, sortedStrings, str, tabbedString } from './writer.ts';

function decodedLength(s: string): number {
  try {
    return base64DecodedLength(s);
  } catch {
    return 0;
  }
}

export function describeSecretObject(_ctx: DescribeContext, obj: KObject): string {
  const secret = obj as Secret;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${str(secret.type)}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = secret.data ?? {};
    for (const k of sortedStrings(Object.keys(data))) {
      if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${decodeBase64(data[k])}\n`);
      else w.write(LEVEL_0, `${k}:\t${decodedLength(data[k])} bytes\n`);
    }
  });
}
