// What the Node interop servers share: arguments, the script, the READY line.
//
// Each server sends the items of ../script.json in order, `gap_ms` apart, after a `retry:` of
// `retry_ms`, then keeps the stream open. They differ only in how they put items on the wire.

"use strict";

const fs = require("node:fs");
const path = require("node:path");

const HOST = "127.0.0.1";
const SCRIPT = path.join(__dirname, "..", "script.json");

/** `--port P` (0 picks a free one) and `--script PATH` from the command line. */
function parseArgs(argv) {
  const args = { port: null, script: SCRIPT };
  for (let i = 2; i < argv.length; i += 2) {
    if (argv[i] === "--port") args.port = Number(argv[i + 1]);
    else if (argv[i] === "--script") args.script = argv[i + 1];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(args.port)) throw new Error("usage: --port P [--script PATH]");
  return args;
}

function loadScript(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plays the script's items through `send(item)`, `gap_ms` apart, until done or `isClosed()`.
 */
async function play(script, isClosed, send) {
  for (const item of script.items) {
    await sleep(script.gap_ms);
    if (isClosed()) return;
    send(item);
  }
}

/** Starts `app` on 127.0.0.1 and prints the line the test runner waits for. */
function listen(app, port) {
  const server = app.listen(port, HOST, () => {
    console.log(`READY ${server.address().port}`);
  });
  return server;
}

module.exports = { HOST, loadScript, listen, parseArgs, play };
