/**
 * The s3rver S3 emulator in a Node process of its own, forked by `startS3Emulator` (emulators.ts).
 *
 * Why a process of its own: in the gateway's process s3rver shared one event loop with the
 * handlers, so every CopyObject and GetObject of a submit's re-hash took turns with the requests
 * themselves; DynamoDB Local is its own (Java) process for the same reason. Why plain JavaScript:
 * it runs under bare `node` whatever started the parent (tsx, vitest), with no loader to start.
 *
 * Protocol over the IPC channel: the parent passes `{ port, dataDir }` as JSON in argv[2]; this
 * answers `{ type: 'listening', port }` once s3rver listens, or `{ type: 'error', error }` (message,
 * code and the listen error's fields) and exits 1. `{ type: 'stop' }` or SIGTERM closes the server
 * and exits 0; a closed IPC channel (the parent died, even by SIGKILL) does the same, so no orphan
 * keeps the port.
 */
import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';

const options = JSON.parse(process.argv[2] ?? '{}');

/** Sends a message to the parent if it is still there. */
function tell(message) {
  if (process.connected) process.send?.(message);
}

/** Reports a startup or server error with the fields a listen error carries, then exits 1. */
function fail(error) {
  const { message, code, errno, syscall, address, port } = error ?? {};
  tell({ type: 'error', error: { message: String(message ?? error), code, errno, syscall, address, port } });
  process.exit(1);
}

// s3rver's listen reports EADDRINUSE as an 'error' event of its own server, not as a rejection.
process.on('uncaughtException', fail);

let server;
let stopping = false;

/** Closes s3rver (if it listens) and exits. */
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await server?.close();
  } finally {
    process.exit(0);
  }
}

process.on('message', (message) => {
  if (message?.type === 'stop') void stop();
});
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
// Ctrl-C reaches the whole process group: the parent stops the gateway first, then this.
process.on('SIGINT', () => undefined);

try {
  mkdirSync(options.dataDir, { recursive: true });
  server = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    directory: options.dataDir,
    silent: true,
    vhostBuckets: false,
  });
  const address = await server.run();
  tell({ type: 'listening', port: address.port });
} catch (error) {
  fail(error);
}
