import { Fragment } from 'react';
import type { NodeView } from '../protocol.ts';
import { bytesLabel, cpuLabel, percent } from './format.ts';

/** A node: readiness, roles, how much of it pods have requested, and its taints. */
export function NodeCard({ node }: { node: NodeView }) {
  return (
    <article className={`node-card ${node.ready ? '' : 'is-notready'}`} aria-label={node.name}>
      <div className="node-head">
        <h3 className="node-name">{node.name}</h3>
        <span className={`badge ${node.ready ? 'badge-ok' : 'badge-bad'}`}>{node.ready ? 'Ready' : 'NotReady'}</span>
        {node.unschedulable && <span className="badge badge-wait">SchedulingDisabled</span>}
      </div>
      <div className="node-meta">
        <span className="node-role">{node.roles.length > 0 ? node.roles.join(', ') : 'worker'}</span>
        <span className="node-capacity">
          {node.cpu} CPU · {node.memory}
        </span>
      </div>
      <Meter label="CPU" used={node.cpuMilliRequested} total={node.cpuMilliAllocatable} text={`${cpuLabel(node.cpuMilliRequested)} / ${cpuLabel(node.cpuMilliAllocatable)}`} />
      <Meter label="Memory" used={node.memoryBytesRequested} total={node.memoryBytesAllocatable} text={`${bytesLabel(node.memoryBytesRequested)} / ${bytesLabel(node.memoryBytesAllocatable)}`} />
      <Meter label="Pods" used={node.pods} total={node.podsCapacity} text={`${node.pods} / ${node.podsCapacity}`} />
      {node.taints.length > 0 && (
        <ul className="taints" aria-label="Taints">
          {node.taints.map((t) => (
            <li key={t} className="taint" title={t}>
              <BreakableTaint taint={t} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** Lets a long taint wrap only after `/` or before `:`, never inside a word like `node-role`. */
function BreakableTaint({ taint }: { taint: string }) {
  const parts = taint.split(/(?<=\/)|(?=:)/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      <span className="nowrap">{part}</span>
    </Fragment>
  ));
}

function Meter({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const pct = percent(used, total);
  const tone = pct >= 90 ? 'bad' : pct >= 70 ? 'wait' : 'ok';
  return (
    <div className="meter-row">
      <span className="meter-label">{label}</span>
      <div className="meter" role="meter" aria-label={`${label} requested`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={text}>
        <div className={`meter-fill tone-${tone}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="meter-text">{text}</span>
    </div>
  );
}
