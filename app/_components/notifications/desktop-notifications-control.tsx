"use client";

import { useTranslations } from "use-intl";
import { requestDesktopPermission, useDesktopPermission } from "./desktop-notifications";

/** Settings: what the browser allows, and the one button that asks (never asked unprompted). */
export function DesktopNotificationsControl() {
  const t = useTranslations("notifications.desktop");
  const permission = useDesktopPermission();
  if (permission === null) return null;
  if (permission === "default") {
    return (
      <button type="button" className="btn-secondary" onClick={() => void requestDesktopPermission()}>
        {t("enable")}
      </button>
    );
  }
  return (
    <p className="text-sm muted" data-testid="desktop-notifications-state">
      {t(permission)}
    </p>
  );
}
