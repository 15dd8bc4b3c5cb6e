// A partner's listener for bench/reallocation.mjs, in its own process so its CPU is not counted as fulfilment's:
// subscribes to a subject, says "ready", and prints the wall-clock time at which the expected count had arrived
// and its own CPU ms.
//
//   node bench/notice-listener.mjs <subject> <count>   (NATS settings as JSON on stdin)
import { text } from 'node:stream/consumers';
import { connectTestNats } from '@hub/shared/testing/harness';

const [subject, expected] = [process.argv[2], Number(process.argv[3])];
const env = JSON.parse(await text(process.stdin));
const nc = await connectTestNats(env, 'bench-listener');
const notices = nc.subscribe(subject);
await nc.flush();
console.log('ready');
const base = process.cpuUsage();
let count = 0;
for await (const _message of notices) {
  if (++count === expected) {
    const cpu = process.cpuUsage(base);
    console.log(`heard ${Date.now()} ${(cpu.user + cpu.system) / 1000}`);
    break;
  }
}
await nc.close();
