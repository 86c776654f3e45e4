/**
 * The kubelet's container hash: a change to a container's spec (say its image, edited in place)
 * makes the kubelet kill and recreate the container. Here a short stable string of the fields
 * that matter, so a restored snapshot compares equal.
 */
import type { Container } from '../../api/types.ts';
import { fnv32a } from '../../kernel/hash.ts';

export function containerSpecHash(c: Container): string {
  return fnv32a(JSON.stringify([c.image, c.command ?? null, c.args ?? null, c.env ?? null, c.ports ?? null])).toString(16);
}
