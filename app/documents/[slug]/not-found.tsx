import { AppLink } from "@/components/AppLink";

export default function DocumentNotFound() {
  return (
    <section>
      <h1>Article not found</h1>
      <p>
        There is no article at this address. <AppLink href="/">See all articles</AppLink>.
      </p>
    </section>
  );
}
