// 连心桥 service worker: shows the county's Web Push notifications and opens the case on
// click. Served from the site root so that it may control the console pages.
/// <reference lib="webworker" />

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  const title = typeof data.title === "string" && data.title ? data.title : "连心桥";
  const options = {
    body: typeof data.body === "string" ? data.body : "",
    lang: "zh-CN",
    data: { link: typeof data.link === "string" ? data.link : null },
  };
  // The same message arriving twice replaces itself instead of stacking up.
  if (typeof data.id === "string") options.tag = data.id;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const link = event.notification.data?.link;
  const target = new URL(link || "/", self.location.origin);
  // Only pages of this site are opened.
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (client.url === target.href && "focus" in client) return client.focus();
      }
      // A new window rather than navigating an open one, which may hold unsaved work.
      return self.clients.openWindow(target.href);
    })(),
  );
});
