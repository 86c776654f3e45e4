import { useEffect, useState } from 'react';
import { AnnouncementLimiter, deriveAnnouncements } from '../a11y/announce.ts';
import { appStore } from '../state/store.ts';

/** How many recent messages the region keeps (screen readers announce each as it is added). */
const KEEP = 5;

/**
 * A polite live region (visually hidden) that tells screen-reader users what just happened:
 * "node-2 NotReady", "pod web-x OOMKilled", "rollout of web complete", "pod web-y scheduled to
 * node-1" (a11y/announce.ts derives them from consecutive views). At most one message a second,
 * merged and counted, so a big cluster cannot flood it.
 */
export function LiveAnnouncer() {
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([]);
  useEffect(() => {
    const limiter = new AnnouncementLimiter();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let nextId = 1;
    const flush = () => {
      timer = undefined;
      const text = limiter.take(performance.now());
      if (text !== undefined) setMessages((m) => [...m, { id: nextId++, text }].slice(-KEEP));
      const due = limiter.dueIn(performance.now());
      if (due !== undefined) timer = setTimeout(flush, due);
    };
    const unsubscribe = appStore.subscribe((s, prev) => {
      if (s.view === prev.view || !s.view) return;
      const found = deriveAnnouncements(prev.view, s.view);
      if (found.length === 0) return;
      limiter.push(found);
      if (timer === undefined) timer = setTimeout(flush, limiter.dueIn(performance.now()) ?? 0);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return (
    <div className="sr-only a11y-live" role="log" aria-live="polite" aria-label="Cluster announcements">
      {messages.map((m) => (
        <p key={m.id}>{m.text}</p>
      ))}
    </div>
  );
}
