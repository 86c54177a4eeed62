// A PGlite database behind a loopback socket, in its own process, so a test can kill it and start it again on the
// same data folder and port under a running app. Usage: node pglite-server.mjs <dataDir> <port>
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [dataDir, port] = process.argv.slice(2);
const db = await PGlite.create(dataDir);
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: Number(port), maxConnections: 4 });
await server.start();
process.stdout.write(`READY ${server.getServerConn()}\n`);
process.on('SIGTERM', async () => {
  await server.stop();
  await db.close();
  process.exit(0);
});
