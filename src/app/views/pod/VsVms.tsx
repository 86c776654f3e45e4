import type { ContainersVsVms } from '../../protocol.ts';
import { bytesLabel } from '../format.ts';

/** Seconds with one decimal below 10 s (`0.5 s`, `30 s`). */
function secondsLabel(ms: number): string {
  const s = ms / 1000;
  return `${s < 10 ? Math.round(s * 10) / 10 : Math.round(s)} s`;
}

/** Decimal megabytes, as image sizes are quoted (`67.9 MB`, `1.8 GB`). */
function mbLabel(bytes: number): string {
  if (bytes >= 1e9) return `${Math.round(bytes / 1e8) / 10} GB`;
  return `${Math.round(bytes / 1e5) / 10} MB`;
}

/** Bars on one scale: `a` and `b` as fractions of the larger. */
function Bars({ label, a, b, format }: { label: string; a: number; b: number; format: (n: number) => string }) {
  const max = Math.max(a, b, 1);
  return (
    <div className="vs-bars" role="group" aria-label={`${label}: containers ${format(a)}, VMs ${format(b)}`}>
      <div className="vs-bars-label">{label}</div>
      <div className="vs-bar-row">
        <span className="vs-bar vs-bar-c" style={{ width: `${Math.max(0.5, (a / max) * 100)}%` }} />
        <span className="vs-bar-value">{format(a)}</span>
      </div>
      <div className="vs-bar-row">
        <span className="vs-bar vs-bar-vm" style={{ width: `${Math.max(0.5, (b / max) * 100)}%` }} />
        <span className="vs-bar-value">{format(b)}</span>
      </div>
    </div>
  );
}

/**
 * The pod's node, explained: its N containers share one kernel and store each image layer once,
 * against the same N apps as VMs, each with a guest OS image, a boot and an idle guest. Numbers
 * from the node model (images, layers, start timings, working sets) and documented VM figures.
 */
export function VsVms({ vs }: { vs: ContainersVsVms }) {
  const n = vs.apps.length;
  if (n === 0) return null;
  const warm = Math.max(...vs.apps.map((a) => a.warmStartMs));
  const vmDisk = n * vs.vm.imageBytes + vs.imagesBytes;
  const vmMemory = n * vs.vm.idleMemoryBytes + vs.appsMemoryBytes;
  return (
    <section className="vs" aria-label="Containers vs VMs">
      <h4>
        Containers vs VMs on {vs.node}: {n} apps
      </h4>
      <div className="vs-stacks">
        <figure className="vs-stack" aria-label={`${n} containers on one kernel`}>
          <figcaption>As containers</figcaption>
          <div className="vs-apps">
            {vs.apps.slice(0, 12).map((a) => (
              <span key={`${a.pod}/${a.container}`} className="vs-app" title={`${a.pod}/${a.container}: ${a.image}`}>
                {a.container}
              </span>
            ))}
            {n > 12 && <span className="vs-app vs-more">+{n - 12}</span>}
          </div>
          <div className="vs-layer">image layers: {vs.layersOnDisk} on disk, each stored once ({mbLabel(vs.diskBytes)})</div>
          <div className="vs-kernel">one Linux kernel (the node's)</div>
        </figure>
        <figure className="vs-stack" aria-label={`${n} virtual machines`}>
          <figcaption>As VMs ({vs.vm.name})</figcaption>
          <div className="vs-vms">
            {vs.apps.slice(0, 12).map((a) => (
              <span key={`${a.pod}/${a.container}`} className="vs-vm">
                <span className="vs-app">{a.container}</span>
                <span className="vs-guest">guest OS + kernel</span>
              </span>
            ))}
            {n > 12 && <span className="vs-vm vs-more">+{n - 12}</span>}
          </div>
          <div className="vs-kernel">hypervisor</div>
        </figure>
      </div>
      <Bars label="Disk for the images" a={vs.diskBytes} b={vmDisk} format={mbLabel} />
      <Bars label="Start (image present)" a={warm} b={vs.vm.bootMs} format={secondsLabel} />
      <Bars label="Memory: apps plus what the OS holds" a={vs.appsMemoryBytes} b={vmMemory} format={bytesLabel} />
      <p className="vs-sources">
        Containers: the node model ({vs.sources.images}, {vs.sources.timing}); the node reports its images as {mbLabel(vs.imagesBytes)} in all, shared layers counted once per image. VMs: {vs.vm.sources.join('; ')} — orders of magnitude ({vs.sources.vms}).
      </p>
    </section>
  );
}
