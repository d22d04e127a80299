// Runs a command and shows its output only if it fails: keeps CI logs readable while
// never hiding an error. Usage: node scripts/quiet.mjs <command> [args…]
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
const output = [];
child.stdout.on('data', (d) => output.push(d));
child.stderr.on('data', (d) => output.push(d));
child.on('exit', (code) => {
  if (code !== 0) process.stderr.write(Buffer.concat(output));
  else console.log(`✓ ${[command, ...args].join(' ')}`);
  process.exit(code ?? 1);
});
