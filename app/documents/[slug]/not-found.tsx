import Link from "next/link";

export default function DocumentNotFound() {
  return (
    <section>
      <h1>Article not found</h1>
      <p>
        There is no article at this address. <Link href="/">See all articles</Link>.
      </p>
    </section>
  );
}
