import { ensureBuild } from "../support/app-server";

export default async function globalSetup() {
  ensureBuild();
}
