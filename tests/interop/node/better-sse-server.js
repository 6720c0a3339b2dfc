// An Express server using the better-sse library: createSession() per request, push() for
// events (the library JSON-serializes every data value, strings too) and batch() for comments.
// Usage: node better-sse-server.js --port P

"use strict";

const express = require("express");
const { createSession } = require("better-sse");
const { loadScript, listen, parseArgs, play } = require("./common");

function main() {
  const args = parseArgs(process.argv);
  const script = loadScript(args.script);
  const app = express();

  app.get("/sse", async (req, res) => {
    const session = await createSession(req, res, { retry: script.retry_ms, keepAlive: 5000 });
    play(
      script,
      () => !session.isConnected,
      (item) => {
        if (item.comment !== undefined) {
          session.batch((buffer) => buffer.comment(item.comment).dispatch());
        } else {
          session.push(item.data, item.event, item.id);
        }
      },
    );
  });

  listen(app, args.port);
}

main();
