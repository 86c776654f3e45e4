/**
 * `kubectl describe configmap` (describe.go ConfigMapDescriber): name, namespace, labels,
 * annotations, each data key with its value under a `----` rule, the binary keys with their sizes,
 * then events. kubectl walks the data maps in Go's random map order; Podlab prints keys sorted.
 */
import type { ConfigMap, KObject } from '../../../engine/api/types.ts';
import { base64DecodedLength } from '../../../engine/api/admission/base64.ts';
import { describeEvents, searchEvents } from './events.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, sortedStrings, tabbedString } from './writer.ts';

export function describeConfigMapObject(ctx: DescribeContext, obj: KObject): string {
  const cm = obj as ConfigMap;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = cm.data ?? {};
    for (const k of sortedStrings(Object.keys(data))) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${data[k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    const binary = cm.binaryData ?? {};
    for (const k of sortedStrings(Object.keys(binary))) {
      let size = 0;
      try {
        size = base64DecodedLength(binary[k]);
      } catch {
        size = 0;
      }
      w.write(LEVEL_0, `${k}: ${size} bytes\n`);
    }
    w.write(LEVEL_0, '\n');
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: cm.metadata.name ?? '', namespace: cm.metadata.namespace ?? '', kind: 'ConfigMap', uid: cm.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}
