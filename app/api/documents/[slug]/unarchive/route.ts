import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { setArticleArchived } from "@/server/article-lifecycle";
import { unwrap } from "@/server/refusal";

/** Unarchives the article (editors); unarchiving it twice is fine. Answers its `archivedAt` and `archivedBy`. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireActor(request);
  return Response.json({ document: unwrap(await setArticleArchived(actor, (await params).slug, false)) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
