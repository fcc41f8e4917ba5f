import { NotFoundMessage } from "@/app/_components/not-found-message";

// A studio page that calls notFound() (an unknown clip, a teammate's private one)
// keeps the studio around it: header, navigation and the player, which may be
// playing. So this fits inside the layout's <main>, without a logo or a main of its own.
export default function StudioNotFound() {
  return (
    <div className="flex min-h-[50vh] items-center justify-center">
      <NotFoundMessage />
    </div>
  );
}
