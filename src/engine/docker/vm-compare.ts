/**
 * Containers against virtual machines, in numbers, for the explainer view. The container side
 * comes from Podlab's own model (image sizes from the catalog, pull and sandbox timings from the
 * kubelet), so what the explainer says matches what the simulation does. The VM side is a few
 * documented constants, each with where it comes from; they are orders of magnitude for
 * teaching, not benchmarks.
 */
import { findImage } from '../node/images.ts';
import { PULL_BYTES_PER_SECOND, PULL_LATENCY_MS, SANDBOX_CREATE_MS } from '../components/kubelet/timing.ts';

/** A number with its unit and where it comes from. */
export interface Sourced {
  value: number;
  unit: 'bytes' | 'ms';
  /** Where the number comes from: Podlab's model (a file), or a document. */
  source: string;
  /** A VM figure that varies with hardware and configuration: an order of magnitude. */
  approximate?: true;
}

/** What starting one containerised app costs in the model. */
export interface ContainerNumbers {
  image: string;
  /** Compressed size of the image's layers (what a node downloads when it has none of them). */
  imageBytes: Sourced;
  /** The layer shared with other images on the same base (downloaded once per node). */
  baseLayerBytes: Sourced;
  /** Pulling the whole image onto an empty node. */
  coldPullMs: Sourced;
  /** Starting it once the image is there: sandbox plus process start (no OS boots). */
  warmStartMs: Sourced;
}

const CATALOG = 'src/engine/node/image-catalog.ts';
const TIMING = 'src/engine/components/kubelet/timing.ts';

/**
 * The model's numbers for a catalog image.
 * @example containerNumbers('nginx:1.27')?.warmStartMs.value // 500
 */
export function containerNumbers(ref: string): ContainerNumbers | undefined {
  const info = findImage(ref);
  if (!info) return undefined;
  return {
    image: info.ref,
    imageBytes: { value: info.sizeBytes, unit: 'bytes', source: CATALOG },
    baseLayerBytes: { value: info.layers[0]?.sizeBytes ?? 0, unit: 'bytes', source: CATALOG },
    coldPullMs: { value: PULL_LATENCY_MS + Math.ceil((info.sizeBytes * 1000) / PULL_BYTES_PER_SECOND) + SANDBOX_CREATE_MS, unit: 'ms', source: TIMING },
    warmStartMs: { value: SANDBOX_CREATE_MS, unit: 'ms', source: TIMING },
  };
}

/** A virtual machine's guest, for comparison. */
export interface VmNumbers {
  name: string;
  /** The guest OS image a VM boots from (a whole OS: kernel, init, userland). */
  imageBytes: Sourced;
  /** From power-on (or the start API call) to the guest's userland. */
  bootMs: Sourced;
  /** Memory the guest OS itself holds before any app runs. */
  idleMemoryBytes: Sourced;
}

const MB = 1_000_000;
const MiB = 1024 * 1024;

/**
 * Documented VM figures. Sizes are of the published images (late 2024); boot times as their
 * projects state them, or typical values for a general-purpose cloud VM.
 */
export const VM_REFERENCE: readonly VmNumbers[] = [
  {
    name: 'Ubuntu Server 24.04 cloud image (KVM/cloud VM)',
    imageBytes: { value: 600 * MB, unit: 'bytes', source: 'https://cloud-images.ubuntu.com/noble/current/ (noble-server-cloudimg-amd64.img, about 600 MB)', approximate: true },
    bootMs: { value: 30_000, unit: 'ms', source: 'typical boot to SSH of a general-purpose cloud VM with cloud-init (tens of seconds)', approximate: true },
    idleMemoryBytes: { value: 200 * MiB, unit: 'bytes', source: 'a minimal Ubuntu server guest at idle (kernel, systemd, journald, sshd, cloud-init), about 200 MiB', approximate: true },
  },
  {
    name: 'Alpine Linux "virt" (small VM guest)',
    imageBytes: { value: 60 * MB, unit: 'bytes', source: 'https://alpinelinux.org/downloads/ (alpine-virt x86_64 ISO, about 60 MB)', approximate: true },
    bootMs: { value: 5_000, unit: 'ms', source: 'typical boot of a small Linux guest under KVM (seconds)', approximate: true },
    idleMemoryBytes: { value: 50 * MiB, unit: 'bytes', source: 'an Alpine guest at idle, tens of MiB', approximate: true },
  },
  {
    name: 'Firecracker microVM (minimal kernel, 1 vCPU, 128 MiB)',
    imageBytes: { value: 30 * MB, unit: 'bytes', source: 'a minimal guest kernel plus root file system, tens of MB', approximate: true },
    bootMs: { value: 125, unit: 'ms', source: 'https://github.com/firecracker-microvm/firecracker/blob/main/SPECIFICATION.md (InstanceStart to guest /sbin/init <= 125 ms)' },
    idleMemoryBytes: { value: 5 * MiB, unit: 'bytes', source: 'https://github.com/firecracker-microvm/firecracker/blob/main/SPECIFICATION.md (VMM memory overhead <= 5 MiB, guest memory not included)' },
  },
];

/** Rows for the explainer: each image of `refs` next to the VM figures. */
export function comparison(refs: readonly string[]): { containers: ContainerNumbers[]; vms: readonly VmNumbers[] } {
  return { containers: refs.map(containerNumbers).filter((x): x is ContainerNumbers => x !== undefined), vms: VM_REFERENCE };
}
