import { useEffect, useRef, useState } from 'react';
import { podDetail } from '../../bridge.ts';
import type { PodDetail, PodDetailContainer, PodInside } from '../../protocol.ts';
import { selectNow, selectTraceHash } from '../../state/cluster.ts';
import { selectSelected } from '../../state/ui.ts';
import { bytesLabel, clockElapsed, cpuLabel } from '../format.ts';
import { useAppStore } from '../use-app-store.ts';
import { VsVms } from './VsVms.tsx';
import { CHART, layerStack, namespaceGrid, probeDots, runsOf, usageChart, type UsageChart } from './pod-layout.ts';

/** Real ms between refreshes while the cluster changes. */
const REFRESH_MS = 1000;

/**
 * Inside the selected pod: its containers' runs (state, exit codes, back-off), probe results
 * against their thresholds, CPU and memory over time against request and limit (throttling
 * shaded, the OOM kill marked), the cgroup files with where each number comes from, the Linux
 * namespaces it shares through the pause container, its image layers and writable layer, and
 * its volumes. Everything comes from the node's records (inspectPod) and the API.
 */
export function PodView() {
  const selected = useAppStore(selectSelected);
  const traceHash = useAppStore(selectTraceHash);
  const now = useAppStore(selectNow);
  const [detail, setDetail] = useState<PodDetail | undefined>();
  const [message, setMessage] = useState('');
  const lastFetch = useRef(0);
  const podRef = selected?.kind === 'Pod' ? `${selected.namespace}/${selected.name}` : '';
  const second = Math.floor((now ?? 0) / 1000);
  // Refresh on a change of pod, and at most once a second (real time) while the cluster changes.
  useEffect(() => {
    if (podRef === '') return;
    const wait = Math.max(0, lastFetch.current + REFRESH_MS - performance.now());
    let live = true;
    const timer = setTimeout(() => {
      const [namespace, name] = podRef.split('/');
      lastFetch.current = performance.now();
      void podDetail(namespace, name).then((r) => {
        if (!live) return;
        setDetail(r.detail);
        setMessage(r.message ?? '');
      });
    }, wait);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [podRef, traceHash, second]);

  if (podRef === '') {
    return (
      <section className="podv" aria-label="Pod view">
        <p className="empty">Select a pod (on the map, in the Pods table or the pending tray) to look inside it.</p>
      </section>
    );
  }
  if (!detail || `${detail.namespace}/${detail.name}` !== podRef) {
    return (
      <section className="podv" aria-label="Pod view">
        <p className="empty">{message || 'Loading…'}</p>
      </section>
    );
  }
  return (
    <section className="podv" aria-label="Pod view">
      <header className="podv-head">
        <h3>
          Pod <span className="podv-name">{detail.name}</span>
          {detail.namespace !== 'default' && <span className="muted"> in {detail.namespace}</span>}
        </h3>
        <span className={`podv-badge qos-${detail.qosClass.toLowerCase()}`} title="QoS class: decides cgroup placement and who the OOM killer picks first">
          QoS {detail.qosClass}
        </span>
        <span className="podv-meta">
          {detail.phase} · {detail.node === '' ? 'not scheduled' : `on ${detail.node}`}
          {detail.inside?.sandbox && ` · IP ${detail.inside.sandbox.ip}`}
        </span>
      </header>
      {detail.inside === undefined && <p className="podv-note">{detail.insideMessage}</p>}
      {detail.containers.map((c) => (
        <ContainerSection key={c.name} spec={c} inside={detail.inside?.containers.find((x) => x.name === c.name)} now={detail.now} />
      ))}
      <NamespacesSection detail={detail} />
      <VolumesSection detail={detail} />
      {detail.vsVms && <VsVms vs={detail.vsVms} />}
    </section>
  );
}

function ContainerSection({ spec, inside, now }: { spec: PodDetailContainer; inside: PodInside['containers'][number] | undefined; now: number }) {
  const runs = runsOf(inside);
  const memory = usageChart('memory', spec, runs, now);
  const cpu = usageChart('cpu', spec, runs, now);
  const run = inside?.current ?? inside?.previous;
  const restartAt = inside?.backoff?.restartAt ?? inside?.notBefore;
  const backoff = restartAt !== undefined ? Math.max(0, Math.ceil((restartAt - now) / 1000)) : undefined;
  return (
    <section className="podv-container" aria-label={`Container ${spec.name}`}>
      <h4>
        {spec.init ? 'Init container' : 'Container'} <code>{spec.name}</code> <span className="muted">{spec.image}</span>
      </h4>
      <p className="podv-state">
        <span className={`podv-pill ${stateTone(spec.state)}`}>{spec.state}</span> restarts {spec.restartCount}
        {inside?.waiting && <> · {inside.waiting.reason}</>}
        {backoff !== undefined && backoff > 0 && (
          <span className="podv-backoff" role="timer" aria-label={`Restart back-off: ${backoff} seconds left`}>
            {' '}
            · {inside?.backoff ? `back-off ${inside.backoff.delayMs / 1000}s (doubles after each crash, up to 300s)` : 'retry'}: restarts in {backoff}s
          </span>
        )}
      </p>
      {runs.length > 0 && (
        <ol className="podv-runs" aria-label={`Runs of ${spec.name}`}>
          {runs.map((r) => (
            <li key={r.id}>
              run {r.attempt + 1}: started {clockElapsed(r.startedAt)}
              {r.finishedAt !== undefined ? (
                <>
                  , ended {clockElapsed(r.finishedAt)} — exit code <strong>{r.exitCode}</strong> {r.reason && <strong>{r.reason}</strong>}
                  {r.exitCode === 137 && <span className="muted"> (128 + SIGKILL 9)</span>}
                </>
              ) : (
                <>, running · <code>{r.command}</code></>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="podv-charts">
        <Chart chart={memory} title={`Memory of ${spec.name}`} format={bytesLabel} />
        <Chart chart={cpu} title={`CPU of ${spec.name}`} format={cpuLabel} />
      </div>
      {spec.probes.length > 0 && <Probes spec={spec} inside={inside} from={memory.from} to={memory.to} />}
      {run && <CgroupTable spec={spec} run={run} />}
      {inside && <Layers inside={inside} />}
    </section>
  );
}

function stateTone(state: string): string {
  if (state === 'Running') return 'ok';
  if (/OOMKilled|Error|CrashLoop|ErrImage|BackOff/.test(state)) return 'bad';
  return 'wait';
}

function Chart({ chart, title, format }: { chart: UsageChart; title: string; format: (n: number) => string }) {
  const summary = chartSummary(chart, format);
  return (
    <figure className="podv-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={`${title}: ${summary}`}>
        {chart.ticks.map((t) => (
          <g key={t.value}>
            <line className="podv-grid" x1={chart.xStart} x2={chart.xEnd} y1={t.y} y2={t.y} />
            <text className="podv-tick" x={chart.xStart - 4} y={t.y + 3} textAnchor="end">
              {format(t.value)}
            </text>
          </g>
        ))}
        {chart.throttled.map((d, i) => (
          <path key={`t${i}`} className="podv-throttled" d={d} />
        ))}
        {chart.demand.map((d, i) => (
          <path key={`d${i}`} className="podv-demand" d={d} />
        ))}
        {chart.refs.map((r) => (
          <g key={r.kind} className={`podv-ref podv-ref-${r.kind}`}>
            <line x1={chart.xStart} x2={chart.xEnd} y1={r.y} y2={r.y} />
            <text x={chart.xEnd - 2} y={r.y - 3} textAnchor="end">
              {r.label} {format(r.value)}
            </text>
          </g>
        ))}
        {chart.runs.map((r) => (
          <path key={r.attempt} className={`podv-line${r.live ? '' : ' is-ended'}`} d={r.d} />
        ))}
        {chart.oom && (
          <g className="podv-oom" transform={`translate(${chart.oom.x},${chart.oom.y})`}>
            <path d="M-5,-5L5,5M-5,5L5,-5" />
            <text x={-6} y={-8} textAnchor="end">
              OOMKilled {clockElapsed(chart.oom.at)}
            </text>
          </g>
        )}
        <text className="podv-tick" x={chart.xStart} y={CHART.height - 4}>
          {clockElapsed(chart.from)}
        </text>
        <text className="podv-tick" x={chart.xEnd} y={CHART.height - 4} textAnchor="end">
          {clockElapsed(chart.to)}
        </text>
      </svg>
    </figure>
  );
}

function chartSummary(chart: UsageChart, format: (n: number) => string): string {
  const parts: string[] = [];
  const limit = chart.refs.find((r) => r.kind === 'limit');
  const request = chart.refs.find((r) => r.kind === 'request');
  parts.push(limit ? `limit ${format(limit.value)}` : 'no limit');
  if (request) parts.push(`request ${format(request.value)}`);
  if (chart.throttled.length > 0) parts.push('throttled: demand above the limit');
  if (chart.oom) parts.push(`OOMKilled at ${clockElapsed(chart.oom.at)}`);
  return parts.join(', ');
}

function Probes({ spec, inside, from, to }: { spec: PodDetailContainer; inside: PodInside['containers'][number] | undefined; from: number; to: number }) {
  const width = CHART.width;
  return (
    <div className="podv-probes" aria-label={`Probes of ${spec.name}`} role="group">
      {spec.probes.map((p) => {
        const state = inside?.probes.find((x) => x.kind === p.kind);
        const dots = probeDots(state?.results ?? [], from, to, width);
        const fails = dots.filter((d) => !d.ok).length;
        return (
          <div key={p.kind} className="podv-probe">
            <div className="podv-probe-head">
              <strong>{p.kind}</strong> {p.how} every {p.periodSeconds}s, after {p.initialDelaySeconds}s; fails after {p.failureThreshold} in a row
              {state && (
                <span className="muted">
                  {' '}
                  · now {state.successes} ok / {state.failures} failed in a row{state.lastOk === undefined ? '' : state.lastOk ? ' · passing' : ' · failing'}
                </span>
              )}
            </div>
            <svg viewBox={`0 0 ${width} 18`} role="img" aria-label={`${p.kind} probe: ${dots.length - fails} successes and ${fails} failures shown`}>
              <line className="podv-grid" x1={6} x2={width - 6} y1={9} y2={9} />
              {dots.map((d, i) => (
                <g key={i} transform={`translate(${d.x},9)`} className={d.ok ? 'podv-dot-ok' : 'podv-dot-bad'}>
                  <title>{`${clockElapsed(d.at)} ${d.ok ? 'success' : `failure: ${d.message ?? ''}`}`}</title>
                  {d.ok ? <circle r={3.5} /> : <path d="M-4,-4L4,4M-4,4L4,-4" />}
                </g>
              ))}
            </svg>
          </div>
        );
      })}
    </div>
  );
}

function CgroupTable({ spec, run }: { spec: PodDetailContainer; run: NonNullable<PodInside['containers'][number]['current']> }) {
  const rows = [
    { file: 'cpu.weight', value: String(run.cgroup.cpuWeight), why: spec.explain.cpuWeight },
    { file: 'cpu.max', value: run.cgroup.cpuMax, why: spec.explain.cpuMax },
    { file: 'memory.max', value: run.cgroup.memoryMax, why: spec.explain.memoryMax },
    { file: 'oom_score_adj', value: String(run.cgroup.oomScoreAdj), why: spec.explain.oomScoreAdj },
  ];
  return (
    <table className="podv-cgroup" aria-label={`cgroup of ${spec.name}`}>
      <caption>
        cgroup <code>/sys/fs/cgroup/{run.cgroup.path}</code>
      </caption>
      <thead>
        <tr>
          <th scope="col">file</th>
          <th scope="col">value</th>
          <th scope="col">where it comes from</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.file}>
            <th scope="row">
              <code>{r.file}</code>
            </th>
            <td>
              <code>{r.value}</code>
            </td>
            <td>{r.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Layers({ inside }: { inside: PodInside['containers'][number] }) {
  const stack = layerStack(inside, 220);
  const run = inside.current ?? inside.previous;
  return (
    <div className="podv-layers" role="group" aria-label={`Filesystem of ${inside.name}`}>
      <div className="podv-layers-title">
        Union filesystem: {inside.layers.length} read-only image layers{inside.imageSizeBytes !== undefined && ` (${bytesLabel(inside.imageSizeBytes)})`}, shared by every container of
        the image on the node, under one writable layer per container
      </div>
      <ol className="podv-stack" reversed>
        {[...stack].reverse().map((l) => (
          <li key={l.label} className={l.writable ? 'is-writable' : ''}>
            <span className="podv-layer-bar" style={{ width: `${l.w}px` }} />
            <span>
              {l.label} · {bytesLabel(l.bytes)}
            </span>
          </li>
        ))}
      </ol>
      {run && run.writable.length > 0 && (
        <div className="podv-files">
          Written by the container: {run.writable.slice(0, 8).map((f) => f.path).join(', ')}
          {run.writable.length > 8 && ` and ${run.writable.length - 8} more`}
        </div>
      )}
    </div>
  );
}

function NamespacesSection({ detail }: { detail: PodDetail }) {
  const grid = namespaceGrid(detail);
  if (!grid) return null;
  return (
    <section className="podv-ns" aria-label="Linux namespaces">
      <h4>Linux namespaces</h4>
      <p className="muted">
        Equal numbers are the same namespace. The pause container holds the pod's network, IPC and UTS namespaces; each container joins them and gets its own
        PID, mount and cgroup namespaces.
        {detail.hostNetwork && ' hostNetwork: true puts the pod in the node’s network and UTS namespaces — it sees the node’s interfaces and hostname.'}
        {detail.hostPID && ' hostPID: true shares the node’s process namespace.'}
        {detail.shareProcessNamespace && ' shareProcessNamespace: true puts all containers in the pause container’s PID namespace.'}
      </p>
      <table className="podv-ns-grid">
        <thead>
          <tr>
            <th scope="col">namespace</th>
            {grid.columns.map((c) => (
              <th key={c.id} scope="col" title={c.note}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((r) => (
            <tr key={r.type}>
              <th scope="row">{r.type}</th>
              {r.cells.map((cell, i) => (
                <td key={i} className={`ns-${cell.shared}`}>
                  {cell.id}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function VolumesSection({ detail }: { detail: PodDetail }) {
  if (detail.volumes.length === 0) return null;
  const mounted = new Map((detail.inside?.volumes ?? []).map((v) => [v.name, v]));
  return (
    <section className="podv-volumes" aria-label="Volumes">
      <h4>Volumes</h4>
      <ul>
        {detail.volumes.map((v) => {
          const m = mounted.get(v.name);
          return (
            <li key={v.name}>
              <code>{v.name}</code> {v.type}
              {m && (
                <span className="muted">
                  {' '}
                  · {m.files} files, {bytesLabel(m.bytes)}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
