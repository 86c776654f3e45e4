/**
 * The docker commands through a Session, in the Docker CLI's words: the project files, build,
 * images/history/tag/rmi, push/pull, manifest and image inspect, and containers (run, ps, logs,
 * exec, stop, rm, inspect) on the standalone host.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { FileSystem } from '../../../src/commands/types.ts';

const DOCKERFILE = 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n';

function project(s: Session, version = 'v1'): void {
  s.execLine('cat > app/package.json', '{"dependencies":{"express":"^4.19.2"}}\n');
  s.execLine('cat > app/server.js', `console.log("${version}")\n`);
  s.execLine('cat > app/Dockerfile', DOCKERFILE);
}

function withApp(): Session {
  const s = new Session();
  project(s);
  expect(s.execLine('docker build -t registry.local/app:v1 app').exitCode).toBe(0);
  return s;
}

describe('project files', () => {
  it('cat > writes and cat reads them', () => {
    const s = new Session();
    expect(s.execLine('cat > ./app/x.txt', 'hi\n').exitCode).toBe(0);
    expect(s.execLine('cat app/x.txt').output).toBe('hi\n');
    expect(s.execLine('cat app/none').output).toBe('cat: app/none: No such file or directory\n');
  });
});

describe('build context from the script\'s folder', () => {
  const files: Record<string, string> = { 'web/Dockerfile': 'FROM nginx:alpine\nCOPY site/ /usr/share/nginx/html/\n', 'web/site/index.html': '<h1>hi</h1>\n' };
  const fs: FileSystem = {
    readFile: (p) => {
      const key = p.replace(/^\.\//, '');
      if (!(key in files)) throw new Error(`open ${p}: no such file or directory`);
      return files[key];
    },
    stat: (p) => (p in files ? 'file' : Object.keys(files).some((f) => f.startsWith(`${p}/`)) ? 'dir' : undefined),
    readDir: (p) => [...new Set(Object.keys(files).filter((f) => f.startsWith(`${p}/`)).map((f) => f.slice(p.length + 1).split('/')[0]))].sort(),
    join: (d, n) => `${d}/${n}`,
  };

  it('reads the Dockerfile and context from disk, with project files written in the session on top', () => {
    const s = new Session({ fs });
    const a = s.execLine('docker build -q -t web:1 web');
    expect(a.exitCode).toBe(0);
    s.execLine('cat > web/site/index.html', '<h1>changed</h1>\n');
    const b = s.execLine('docker build -t web:2 web');
    expect(b.stderr).toContain('COPY site/ /usr/share/nginx/html/\n#6 DONE');
    const [one, two] = ['web:1', 'web:2'].map((t) => JSON.parse(s.execLine(`docker image inspect ${t}`).output)[0] as { RootFS: { Layers: string[] } });
    expect(one.RootFS.Layers.slice(0, -1)).toEqual(two.RootFS.Layers.slice(0, -1));
    expect(one.RootFS.Layers.at(-1)).not.toBe(two.RootFS.Layers.at(-1));
  });
});

describe('docker build', () => {
  it('prints BuildKit progress on stderr and -q prints only the ID', () => {
    const s = new Session();
    project(s);
    const r = s.execLine('docker build -t app:v1 app');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('#10 naming to docker.io/library/app:v1 done');
    const q = s.execLine('docker build -q -t app:v1 app');
    expect(q.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(r.stderr).toContain(`writing image ${q.stdout.trim()} done`);
  });

  it('takes time: the simulated clock moves by the build duration', () => {
    const s = new Session();
    project(s);
    const before = s.sim.now;
    s.execLine('docker build -t app:v1 app');
    expect(s.sim.now - before).toBeGreaterThan(1000);
  });

  it('reads the Dockerfile from stdin with -f -', () => {
    const s = new Session();
    const r = s.execLine('docker build -q -t tiny -f - .', 'FROM busybox\nCMD ["echo", "hi"]\n');
    expect(r.exitCode).toBe(0);
  });

  it('fails with exit 1 and Docker\'s words', () => {
    const s = new Session();
    expect(s.execLine('docker build nowhere').output).toBe('ERROR: unable to prepare context: path "nowhere" not found\n');
    s.execLine('cat > bad/Dockerfile', 'FROM alpine\nRUNN x\n');
    const r = s.execLine('docker build bad');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN (did you mean run?)');
  });
});

describe('images, history, tag, rmi', () => {
  it('lists the built image with Docker\'s columns', () => {
    const s = withApp();
    const out = s.execLine('docker images').output.split('\n');
    expect(out[0]).toBe('REPOSITORY           TAG       IMAGE ID       CREATED                  SIZE');
    expect(out[1]).toMatch(/^registry\.local\/app {3}v1 {8}[0-9a-f]{12} {3}Less than a second ago {3}\d+(\.\d+)?MB$/);
  });

  it('history shows the instructions newest first, base rows <missing>', () => {
    const s = withApp();
    const out = s.execLine('docker history registry.local/app:v1').output.split('\n');
    expect(out[0]).toBe('IMAGE          CREATED                  CREATED BY                                      SIZE      COMMENT');
    expect(out[1]).toMatch(/^[0-9a-f]{12} {3}.* ago {3}CMD \["node" "server\.js"\] +0B +buildkit\.dockerfile\.v0$/);
    expect(out[3]).toMatch(/^<missing> +.* COPY \. \. # buildkit/);
  });

  it('an untagged build is listed as <none> <none>', () => {
    const s = new Session();
    const id = s.execLine('docker build -q -f - .', 'FROM busybox\nCMD ["true"]\n').stdout.trim();
    expect(s.execLine('docker images').output.split('\n')[1]).toMatch(new RegExp(`^<none> {7}<none> {4}${id.slice(7, 19)} `));
  });

  it('tag adds a name for the same ID; rmi untags then deletes', () => {
    const s = withApp();
    expect(s.execLine('docker tag registry.local/app:v1 app:latest').exitCode).toBe(0);
    const ids = s.execLine('docker images -q').output;
    expect(ids.trim().split('\n')).toHaveLength(1);
    expect(s.execLine('docker rmi app').output).toBe('Untagged: app:latest\n');
    expect(s.execLine('docker rmi registry.local/app:v1').output).toMatch(/^Untagged: registry\.local\/app:v1\nDeleted: sha256:[0-9a-f]{64}\n$/);
    expect(s.execLine('docker tag nope x').output).toBe('Error response from daemon: No such image: nope:latest\n');
  });
});

describe('push, pull, manifests', () => {
  it('push twice: the second sends nothing', () => {
    const s = withApp();
    expect(s.execLine('docker push registry.local/app:v1').output).toContain(': Pushed');
    const again = s.execLine('docker push registry.local/app:v1').output;
    expect(again).not.toContain(': Pushed');
    expect(again).toContain(': Layer already exists');
  });

  it('push to Docker Hub is denied (exit 1)', () => {
    const s = withApp();
    s.execLine('docker tag registry.local/app:v1 app:v1');
    const r = s.execLine('docker push app:v1');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('denied: requested access to the resource is denied\n');
  });

  it('pull prints the CLI progress and errors as the daemon', () => {
    const s = new Session();
    expect(s.execLine('docker pull busybox').output).toMatch(/^Using default tag: latest\nlatest: Pulling from library\/busybox\n/);
    const r = s.execLine('docker pull nginx:nope');
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe('Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown\n');
  });

  it('manifest inspect shows the OCI manifest; image inspect the config and RootFS', () => {
    const s = withApp();
    s.execLine('docker push registry.local/app:v1');
    const manifest = JSON.parse(s.execLine('docker manifest inspect registry.local/app:v1').output) as { mediaType: string; config: { digest: string }; layers: unknown[] };
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    const [image] = JSON.parse(s.execLine('docker image inspect registry.local/app:v1').output) as { Id: string; RepoDigests: string[]; RootFS: { Layers: string[] }; Config: { ExposedPorts: object } }[];
    expect(image.Id).toBe(manifest.config.digest);
    expect(image.RootFS.Layers).toHaveLength(manifest.layers.length);
    expect(image.RepoDigests[0]).toMatch(/^registry\.local\/app@sha256:/);
    expect(image.Config.ExposedPorts).toEqual({ '3000/tcp': {} });
    expect(s.execLine('docker manifest inspect registry.local/app:v7').output).toBe('no such manifest: registry.local/app:v7\n');
  });
});

describe('containers', () => {
  it('run -d, ps, exec sees the cgroup limits, inspect shows them in HostConfig', () => {
    const s = withApp();
    const id = s.execLine('docker run -d --name web -p 8080:3000 --memory 256m --cpus 0.5 registry.local/app:v1').stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const ps = s.execLine('docker ps').output.split('\n');
    expect(ps[0]).toBe('CONTAINER ID   IMAGE                   COMMAND                  CREATED                  STATUS                  PORTS                    NAMES');
    expect(ps[1]).toBe(`${id.slice(0, 12)}   registry.local/app:v1   "docker-entrypoint.s…"   Less than a second ago   Up Less than a second   0.0.0.0:8080->3000/tcp   web`);
    expect(s.execLine('docker exec web cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max').output).toBe('268435456\n50000 100000\n');
    const [c] = JSON.parse(s.execLine('docker inspect web').output) as { HostConfig: { Memory: number; NanoCpus: number }; NetworkSettings: { IPAddress: string } }[];
    expect(c.HostConfig).toMatchObject({ Memory: 268435456, NanoCpus: 500000000 });
    expect(c.NetworkSettings.IPAddress).toBe('172.17.0.2');
  });

  it('refuses a taken name with the daemon\'s Conflict message (exit 125)', () => {
    const s = new Session();
    const id = s.execLine('docker run -d --name web nginx').stdout.trim().split('\n').at(-1)!;
    const r = s.execLine('docker run -d --name web nginx');
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toBe(`docker: Error response from daemon: Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n`);
  });

  it('pulls a missing image first, on stderr', () => {
    const s = new Session();
    const r = s.execLine('docker run --rm busybox echo hello');
    expect(r.stderr.split('\n')[0]).toBe("Unable to find image 'busybox:latest' locally");
    expect(r.stdout).toBe('hello\n');
    expect(r.exitCode).toBe(0);
    expect(s.execLine('docker ps -a -q').output).toBe('');
  });

  it('runs a foreground command to its exit code; ps -a shows it Exited', () => {
    const s = new Session();
    s.execLine('docker pull busybox');
    const r = s.execLine("docker run --name job busybox sh -c 'echo out; echo err >&2; exit 3'");
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
    expect(s.execLine('docker ps -a').output).toContain('Exited (3)');
    expect(s.execLine('docker logs job').output).toBe('out\nerr\n');
  });

  it('stop, rm, and their errors', () => {
    const s = new Session();
    s.execLine('docker run -d --name web nginx');
    expect(s.execLine('docker rm web').output).toBe('Error response from daemon: cannot remove container "/web": container is running: stop the container before removing or force remove\n');
    expect(s.execLine('docker stop web').output).toBe('web\n');
    expect(s.execLine('docker exec web ls').output).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not running\n$/);
    expect(s.execLine('docker rm web').output).toBe('web\n');
    expect(s.execLine('docker logs web').output).toBe('Error response from daemon: No such container: web\n');
  });

  it('--network none has no address; host shares the machine\'s and drops -p', () => {
    const s = new Session();
    s.execLine('docker run -d --name aa --network none nginx');
    const [a] = JSON.parse(s.execLine('docker inspect aa').output) as { NetworkSettings: { IPAddress: string }; HostConfig: { NetworkMode: string } }[];
    expect(a.NetworkSettings.IPAddress).toBe('');
    expect(a.HostConfig.NetworkMode).toBe('none');
    const r = s.execLine('docker run -d --name bb --network host -p 80:80 nginx');
    expect(r.stderr).toContain('WARNING: Published ports are discarded when using host network mode\n');
    expect(s.execLine('docker exec bb cat /etc/hostname').output).toBe('docker-host\n');
  });

  it('--memory is enforced: inspect shows OOMKilled and exit 137', () => {
    const s = new Session();
    s.execLine('docker run -d --name hog --memory 64m polinux/stress stress --vm 1 --vm-bytes 128M --vm-hang 0');
    s.execLine('sim advance 5s');
    const [c] = JSON.parse(s.execLine('docker inspect hog').output) as { State: { OOMKilled: boolean; ExitCode: number; Status: string } }[];
    expect(c.State).toMatchObject({ Status: 'exited', OOMKilled: true, ExitCode: 137 });
  });

  it('refuses a one-character name as the daemon does', () => {
    expect(new Session().execLine('docker run -d --name a nginx').stderr).toBe("docker: Error response from daemon: Invalid container name (a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n\nRun 'docker run --help' for more information\n");
  });

  it('refuses a host port in use', () => {
    const s = new Session();
    s.execLine('docker run -d --name aa -p 8080:80 nginx');
    const r = s.execLine('docker run -d --name bb -p 8080:80 nginx');
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toMatch(/Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/);
  });

  it('run stops parsing flags at the image: the rest is the command', () => {
    const s = new Session();
    s.execLine('docker pull busybox');
    expect(s.execLine('docker run --rm busybox ls -d /tmp').output).toBe('/tmp\n');
  });

  // Recorded from the Docker CLI 28.2.2 (client-side errors need no daemon).
  it.each([
    ['docker ps --bogus', 125, "unknown flag: --bogus\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n"],
    ['docker frobnicate', 1, "docker: unknown command: docker frobnicate\n\nRun 'docker --help' for more information\n"],
    ['docker history', 1, "docker: 'docker history' requires 1 argument\n\nUsage:  docker history [OPTIONS] IMAGE\n\nRun 'docker history --help' for more information\n"],
    ['docker tag a', 1, "docker: 'docker tag' requires 2 arguments\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'docker tag --help' for more information\n"],
    ['docker run', 1, "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n"],
    ['docker exec x', 1, "docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information\n"],
    ['docker build', 1, "docker: 'docker build' requires 1 argument\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n"],
    ['docker push', 1, "docker: 'docker push' requires 1 argument\n\nUsage:  docker push [OPTIONS] NAME[:TAG]\n\nRun 'docker push --help' for more information\n"],
    ['docker stop', 1, "docker: 'docker stop' requires at least 1 argument\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker stop --help' for more information\n"],
    ['docker logs a b', 1, "docker: 'docker logs' requires 1 argument\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs --help' for more information\n"],
    ['docker manifest inspect', 1, "docker: 'docker manifest inspect' requires at least 1 and at most 2 arguments\n\nUsage:  docker manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST\n\nRun 'docker manifest inspect --help' for more information\n"],
    ['docker run --memory lots x', 125, "invalid argument \"lots\" for \"-m, --memory\" flag: invalid size: 'lots'\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n"],
    ['docker run --cpus abc x', 125, "invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n"],
    ['docker run -p bad x', 125, "docker: invalid containerPort: bad\n\nRun 'docker run --help' for more information\n"],
    ['docker run -p 80:80/sctpx x', 125, "docker: invalid proto: sctpx\n\nRun 'docker run --help' for more information\n"],
  ])('%s: the CLI\'s own error', (line, code, text) => {
    const r = new Session().execLine(line);
    expect(r.output).toBe(text);
    expect(r.exitCode).toBe(code);
  });

  it('management commands reach the same verbs', () => {
    const s = withApp();
    expect(s.execLine('docker image ls').output).toBe(s.execLine('docker images').output);
    expect(s.execLine('docker container ls -a').output).toBe(s.execLine('docker ps -a').output);
  });
});
