<#ftl output_format="plainText">
<#-- New device / unusual network alert, plain-text part. Same variables as the HTML part. -->
${msg("casvp.email.greeting")}

${msg("casvp.email.newDevice.reason.${casvpReason}")}

${msg("casvp.email.newDevice.when")} ${casvpWhen}
${msg("casvp.email.newDevice.browser")} ${casvpBrowser}
${msg("casvp.email.newDevice.os")} ${casvpOs}
${msg("casvp.email.newDevice.network")} ${casvpNetwork}

${msg("casvp.email.newDevice.ifYou")}

${msg("casvp.email.newDevice.ifNotYou")}
${casvpNotMeLink}

${msg("casvp.email.newDevice.notMeExplained", casvpNotMeDays)}

${msg("casvp.email.newDevice.check")}

--
${msg("casvp.email.footer")}
${msg("casvp.email.noPassword")}
