// An Express SSE server written the way Express apps do it: set the headers, flushHeaders(),
// then res.write() each event by hand. Usage: node express-server.js --port P

"use strict";

const express = require("express");
const { loadScript, listen, parseArgs, play } = require("./common");

/** One script item as SSE text. */
function render(item) {
  if (item.comment !== undefined) return `: ${item.comment}\n\n`;
  const data = typeof item.data === "string" ? item.data : JSON.stringify(item.data);
  let text = `id: ${item.id}\n`;
  if (item.event !== undefined) text += `event: ${item.event}\n`;
  for (const line of data.split("\n")) text += `data: ${line}\n`;
  return text + "\n";
}

function main() {
  const args = parseArgs(process.argv);
  const script = loadScript(args.script);
  const app = express();

  app.get("/events", (req, res) => {
    res.set({
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
    });
    res.flushHeaders();
    res.write(`retry: ${script.retry_ms}\n\n`);
    let closed = false;
    req.on("close", () => {
      closed = true;
    });
    play(script, () => closed, (item) => res.write(render(item)));
  });

  listen(app, args.port);
}

main();
