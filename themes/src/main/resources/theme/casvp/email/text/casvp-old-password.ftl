<#ftl output_format="plainText">
<#-- One of the agent's devices still uses the previous password, plain-text part. -->
${msg("casvp.email.greeting")}

${msg("casvp.email.oldPassword.what")}

${msg("casvp.email.newDevice.browser")} ${casvpBrowser}
${msg("casvp.email.newDevice.os")} ${casvpOs}
${msg("casvp.email.newDevice.network")} ${casvpNetwork}

${msg("casvp.email.oldPassword.howTo")}

${msg("casvp.email.oldPassword.why")}

--
${msg("casvp.email.footer")}
${msg("casvp.email.noPassword")}
