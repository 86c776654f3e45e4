import { LB_POOL_FIRST } from '../../engine/components/controllers/service-lb.ts';
import { ScriptError, type Command } from '../types.ts';

/**
 * `sim cloud on|off`: whether the simulated cloud provisions LoadBalancer Services (addresses
 * from 172.18.255.200 up, after a short provisioning delay). Off, as on kind or minikube without
 * MetalLB, EXTERNAL-IP stays `<pending>`. `sim cloud` alone prints the current setting.
 */
export const cloudCommand: Command = {
  name: 'cloud',
  completion: { subcommands: ['off', 'on'], args: 'none' },
  short: 'Turn the simulated cloud load-balancer provider on or off',
  usage: 'sim cloud [on|off]',
  flags: [],
  run(ctx, args) {
    const [what, ...extra] = args.positional;
    const lb = ctx.sim.serviceLoadBalancer;
    if (extra.length > 0 || (what !== undefined && what !== 'on' && what !== 'off')) throw new ScriptError(`sim cloud: usage: ${this.usage}`);
    if (what !== undefined) lb.setCloudEnabled(what === 'on');
    const state = lb.cloudEnabled ? `on (LoadBalancer addresses from ${LB_POOL_FIRST})` : 'off (LoadBalancer services stay <pending>)';
    ctx.io.out(`cloud load balancers: ${state}\n`);
    return 0;
  },
};
