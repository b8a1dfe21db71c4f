// "Mes appareils": the agent's known browsers and their security activity, in Keycloak's
// account console (keycloak.v3).
// A plain ES module, no build step: the console lazy-imports it (content.json, modulePath)
// and renders its default export; "react" comes from the console's import map.
// Data: /realms/{realm}/casvp-account/devices, signed in by the Keycloak session cookie
// (same origin). Texts: this theme's messages (messages_fr/en.properties), as the console
// loads them. React escapes every string it renders: browser names come from User-Agents.
import { createElement as h, useCallback, useEffect, useRef, useState } from "react";

const CSRF_HEADER = "X-CASVP-Account";

function environment() {
  const script = document.getElementById("environment");
  return script ? JSON.parse(script.textContent) : {};
}

function join(base, ...parts) {
  return [base.replace(/\/+$/, ""), ...parts.map((part) => part.replace(/^\/+|\/+$/g, ""))].join("/");
}

async function loadMessages(env) {
  const locale = env.locale || document.documentElement.lang || "fr";
  const response = await fetch(join(env.serverBaseUrl, "resources", env.realm, "account", encodeURIComponent(locale)),
    { credentials: "include" });
  if (!response.ok) {
    return {};
  }
  const list = await response.json();
  return Object.fromEntries(list.map(({ key, value }) => [key, value]));
}

function translator(messages) {
  return (key, ...args) => (messages[key] || key).replace(/\{(\d)\}/g, (all, index) => args[Number(index)] ?? all);
}

function devicesUrl(env, id) {
  const base = join(env.serverBaseUrl, "realms", env.realm, "casvp-account", "devices");
  return id ? base + "/" + encodeURIComponent(id) : base;
}

function when(env, millis) {
  const locale = env.locale || document.documentElement.lang || "fr";
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" })
    .format(new Date(millis));
}

function name(t, device) {
  const unknown = (part) => (part && part !== "?" ? part : t("casvpDevicesUnknown"));
  return t("casvpDevicesOn", unknown(device.browser), unknown(device.os));
}

function Fact({ label, children }) {
  return h("div", { className: "casvp-device__fact" },
    h("dt", null, label),
    h("dd", null, children));
}

function DeviceCard({ env, t, device, onForget }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const question = useRef(null);
  const forgetButton = useRef(null);
  const asked = useRef(false);
  const title = name(t, device);
  const titleId = "casvp-device-" + device.id;
  // Keyboard and screen-reader users land on the question when it opens, back on the button when cancelled.
  useEffect(() => {
    if (confirming && question.current) {
      question.current.focus();
    } else if (!confirming && asked.current && forgetButton.current) {
      forgetButton.current.focus();
    }
    asked.current = confirming;
  }, [confirming]);
  const forget = async () => {
    setBusy(true);
    await onForget(device, title);
    setBusy(false);
  };
  return h("li", { className: "pf-v5-c-card pf-m-compact casvp-device", "data-device-id": device.id, "data-current": String(device.current) },
    h("div", { className: "pf-v5-c-card__header" },
      h("div", { className: "pf-v5-c-card__title" },
        h("h2", { className: "pf-v5-c-title pf-m-lg", id: titleId }, title,
          device.current ? " " : null,
          device.current ? h("span", { className: "casvp-device__current" }, t("casvpDevicesThisDevice")) : null))),
    h("div", { className: "pf-v5-c-card__body" },
      h("dl", { className: "casvp-device__facts" },
        h(Fact, { label: t("casvpDevicesNetwork") }, device.network && device.network !== "?" ? device.network
          : t("casvpDevicesUnknown")),
        h(Fact, { label: t("casvpDevicesFirstSeen") }, when(env, device.firstSeen)),
        h(Fact, { label: t("casvpDevicesLastSeen") }, when(env, device.lastSeen)))),
    device.current ? null : h("div", { className: "pf-v5-c-card__footer" },
      confirming
        ? h("div", { className: "casvp-device__confirm", role: "group", "aria-labelledby": titleId + "-confirm" },
            h("p", { id: titleId + "-confirm", tabIndex: -1, ref: question, className: "casvp-device__question" },
              t("casvpDevicesForgetConfirm", title)),
            h("div", { className: "casvp-device__actions" },
              h("button", { type: "button", className: "pf-v5-c-button pf-m-danger casvp-device__forget-yes",
                disabled: busy, onClick: forget }, t("casvpDevicesForgetYes")),
              h("button", { type: "button", className: "pf-v5-c-button pf-m-link casvp-device__cancel",
                disabled: busy, onClick: () => setConfirming(false) }, t("casvpDevicesCancel"))))
        : h("button", { type: "button", className: "pf-v5-c-button pf-m-secondary pf-m-danger casvp-device__forget",
            "aria-describedby": titleId, ref: forgetButton, onClick: () => setConfirming(true) }, t("casvpDevicesForget"))));
}

function Alert({ variant, children }) {
  return h("div", { className: "pf-v5-c-alert pf-m-inline pf-m-" + variant + " casvp-devices__alert" },
    h("p", { className: "pf-v5-c-alert__title" }, children));
}

const ACTIVITY_LABELS = {
  newDevice: "casvpActivityNewDevice",
  unusualNetwork: "casvpActivityUnusualNetwork",
  passwordChanged: "casvpActivityPasswordChanged",
  passwordRemoved: "casvpActivityPasswordRemoved",
  factorAdded: "casvpActivityFactorAdded",
  factorRemoved: "casvpActivityFactorRemoved",
  deviceForgotten: "casvpActivityDeviceForgotten",
  recoveryAddressChanged: "casvpActivityRecoveryAddressChanged",
  browserLocked: "casvpActivityBrowserLocked",
};

function activityUrl(env, ...parts) {
  return join(env.serverBaseUrl, "realms", env.realm, "casvp-account", "activity", ...parts);
}

// "Activité de sécurité": the last 90 days' unusual events, each with "Ce n'était pas moi",
// which opens the alert mail's own "not me" page (it asks before securing the account).
function Activity({ env, t }) {
  const [entries, setEntries] = useState(null);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    let active = true;
    fetch(activityUrl(env), { credentials: "include", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((list) => active && setEntries(list), () => active && setFailed("casvpActivityLoadError"));
    return () => { active = false; };
  }, [env]);
  const notMe = async () => {
    const response = await fetch(activityUrl(env, "not-me"), {
      method: "POST", credentials: "include", headers: { [CSRF_HEADER]: "not-me", Accept: "application/json" },
    }).catch(() => null);
    const body = response && response.ok ? await response.json().catch(() => null) : null;
    if (body && typeof body.url === "string" && new URL(body.url, window.location.href).origin === window.location.origin) {
      window.location.assign(body.url);
    } else {
      setFailed("casvpActivityNotMeError");
    }
  };
  return h("section", { className: "pf-v5-c-page__main-section", id: "casvp-activity", "aria-labelledby": "casvp-activity-title" },
    h("div", { className: "pf-v5-c-content" },
      h("h2", { className: "pf-v5-c-title pf-m-xl", id: "casvp-activity-title" }, t("casvpActivity")),
      h("p", null, t("casvpActivityIntro"))),
    h("div", { role: "status", "aria-live": "polite" },
      failed ? h(Alert, { variant: "danger" }, t(failed)) : null),
    entries && entries.length === 0 ? h("p", null, t("casvpActivityNone")) : null,
    entries && entries.length > 0
      ? h("ul", { className: "casvp-activity__list", "aria-labelledby": "casvp-activity-title" },
          entries.map((entry, index) => {
            const id = "casvp-activity-" + index;
            return h("li", { key: index, className: "casvp-activity__entry", "data-kind": entry.kind },
              h("div", { id },
                h("p", { className: "casvp-activity__what" }, t(ACTIVITY_LABELS[entry.kind] || entry.kind)),
                h("p", null, t("casvpActivityOn", when(env, entry.time),
                  entry.network && entry.network !== "?" ? entry.network : t("casvpDevicesUnknown")))),
              h("button", { type: "button", className: "pf-v5-c-button pf-m-secondary pf-m-danger casvp-activity__not-me",
                "aria-describedby": id, onClick: notMe }, t("casvpActivityNotMe")));
          }))
      : null);
}

export default function CasvpDevices() {
  const [env] = useState(environment);
  const [t, setT] = useState(null);
  const [devices, setDevices] = useState(null);
  const [status, setStatus] = useState(null);
  const statusBox = useRef(null);
  const [activityVersion, setActivityVersion] = useState(0);
  // A forgotten device's card (and the focus in it) goes: the focus moves to what happened.
  useEffect(() => {
    if (status && statusBox.current) {
      statusBox.current.focus();
    }
  }, [status]);

  useEffect(() => {
    let active = true;
    (async () => {
      const messages = await loadMessages(env).catch(() => ({}));
      const response = await fetch(devicesUrl(env), { credentials: "include", headers: { Accept: "application/json" } })
        .catch(() => null);
      const list = response && response.ok ? await response.json() : null;
      if (active) {
        setT(() => translator(messages));
        setDevices(list);
        if (!list) {
          setStatus({ variant: "danger", key: "casvpDevicesLoadError" });
        }
      }
    })();
    return () => { active = false; };
  }, [env]);

  const onForget = useCallback(async (device, title) => {
    const response = await fetch(devicesUrl(env, device.id), {
      method: "DELETE", credentials: "include", headers: { [CSRF_HEADER]: "forget", Accept: "application/json" },
    }).catch(() => null);
    if (response && response.ok) {
      setDevices((list) => list.filter((other) => other.id !== device.id));
      setStatus({ variant: "success", key: "casvpDevicesForgotten", args: [title] });
      setActivityVersion((version) => version + 1);
    } else {
      setStatus({ variant: "danger", key: "casvpDevicesForgetError" });
    }
  }, [env]);

  if (!t) {
    return h("div", { className: "pf-v5-c-page__main-section" },
      h("svg", { className: "pf-v5-c-spinner", role: "progressbar", viewBox: "0 0 100 100", "aria-label": "…" },
        h("circle", { className: "pf-v5-c-spinner__path", cx: 50, cy: 50, r: 45, fill: "none" })));
  }
  return h("div", { id: "casvp-devices", className: "casvp-devices" },
    h("section", { className: "pf-v5-c-page__main-section pf-m-light" },
      h("div", { className: "pf-v5-c-content" },
        h("h1", { className: "pf-v5-c-title pf-m-2xl" }, t("casvpDevices")),
        h("p", null, t("casvpDevicesIntro")))),
    h("section", { className: "pf-v5-c-page__main-section" },
      h("div", { role: "status", "aria-live": "polite", id: "casvp-devices-status", tabIndex: -1, ref: statusBox },
        status ? h(Alert, { variant: status.variant }, t(status.key, ...(status.args || []))) : null),
      devices && devices.length === 0 ? h("p", null, t("casvpDevicesNone")) : null,
      devices && devices.length > 0
        ? h("ul", { className: "casvp-devices__list", "aria-label": t("casvpDevices") },
            devices.map((device) => h(DeviceCard, { key: device.id, env, t, device, onForget })))
        : null),
    h(Activity, { env, t, key: activityVersion }));
}
