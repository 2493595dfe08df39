import { errorCode } from "@/lib/error-codes";
import { handle, HttpError, otherMethods } from "@/lib/http";
import { formatLiveEvent, formatPresenceEvent, heartbeat, resumeFrom } from "@/lib/live-events";
import { getActor, requireActor } from "@/server/actor";
import { watchAccess } from "@/server/access-watch";
import { getArticleId } from "@/server/articles";
import { follow } from "@/server/live-feed";
import { openView, present, type PresenceUpdate } from "@/server/presence";
import { unwrap } from "@/server/refusal";

type Context = { params: Promise<{ slug: string }> };

/** Seconds between heartbeats on an idle stream (proxies commonly close one idle for 60 s). */
const heartbeatSeconds = 15;

const encoder = new TextEncoder();

/**
 * The end of the latest presence event's data, encoded once for every
 * stream on the article (each adds only its own view's id before it).
 */
let presenceTail: { json: string; bytes: Uint8Array } | null = null;
function presenceTailOf(json: string): Uint8Array {
  if (presenceTail?.json !== json) presenceTail = { json, bytes: encoder.encode(`,"present":${json}}\n\n`) };
  return presenceTail.bytes;
}

/**
 * The article's claim changes as Server-Sent Events, live: from the event
 * after `Last-Event-ID` (or `?after=`) when given, else from now. Never
 * compressed or buffered (`no-transform`): each event leaves as it is sent.
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const documentId = unwrap(await getArticleId(actor, (await params).slug));
  const query = new URL(request.url).searchParams;
  const resume = resumeFrom(request.headers, query);
  // A page that only follows the changes (the review pages) is no one's view of the article: it is not in presence.
  const isView = query.get("presence") !== "off";
  if (resume === undefined) throw new HttpError(400, errorCode.invalidQuery, "Last-Event-ID (or after) must be an event id: a whole number.");

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let stop = () => {};
  // A timer per stream, not one for all: their sign-in checks then come spread out, not 200 at once.
  const beat = setInterval(() => {
    send(heartbeat);
    recheck();
  }, heartbeatSeconds * 1000);
  const end = () => {
    stop();
    clearInterval(beat);
  };
  const body = new ReadableStream<Uint8Array>({ start: (opened) => void (controller = opened), cancel: end });
  const sendBytes = (...chunks: Uint8Array[]) => {
    try {
      for (const chunk of chunks) controller.enqueue(chunk);
    } catch {
      end(); // The client went away.
    }
  };
  const send = (text: string) => sendBytes(encoder.encode(text));
  // How long a client waits before reconnecting; then what it missed, and what comes.
  send("retry: 2000\n\n");
  // Before answering, so that a database that cannot be reached is a 503, not a broken stream.
  // From `resume`, else from now (the latest event).
  const unfollow = await follow(documentId, resume, (events) => send(events.map(formatLiveEvent).join(""))).catch((error) => {
    end();
    throw error;
  });
  // This stream is the person's view of the article: who else is on it comes as `presence` events.
  let view = "";
  // The same as formatPresenceEvent({ view, present }), with the list's bytes shared by every stream on the article.
  const announce = ({ json }: PresenceUpdate) =>
    sendBytes(encoder.encode(`event: presence\ndata: {"view":${JSON.stringify(view)}`), presenceTailOf(json));
  const opened = isView
    ? await openView(documentId, actor, (update) => view && announce(update)).catch((error) => {
        unfollow();
        end();
        throw error;
      })
    : null;
  if (opened) {
    view = opened.view;
    send(formatPresenceEvent({ view, present: present(documentId) }));
  }
  // Signed in when it opened; closed as soon as that no longer holds (deactivated, token revoked, signed out).
  const close = () => {
    end();
    try {
      controller.close();
    } catch {
      // Already closed.
    }
  };
  const recheck = () =>
    void stillSignedIn(request, actor.id).then(
      (still) => still || close(),
      () => {},
    );
  const unwatch = await watchAccess(actor.id, recheck).catch((error) => {
    unfollow();
    opened?.close();
    end();
    throw error;
  });
  stop = () => {
    unfollow();
    opened?.close();
    unwatch();
  };
  request.signal.addEventListener("abort", close);
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");

/** Whether the request's credentials still sign in the same person. */
async function stillSignedIn(request: Request, userId: string): Promise<boolean> {
  return (await getActor(request))?.id === userId;
}
