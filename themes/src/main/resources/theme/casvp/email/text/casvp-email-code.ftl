<#ftl output_format="plainText">
<#-- One-time sign-in code, plain-text part. Same variables as the HTML part. -->
${msg("casvp.email.greeting")}

${msg("casvp.email.code.intro")}

${casvpCode}

${msg("casvp.email.code.validity", casvpMinutes)}

${msg("casvp.email.code.askedFrom", casvpBrowser, casvpOs, casvpNetwork)}

${msg("casvp.email.code.notYou")}

--
${msg("casvp.email.footer")}
${msg("casvp.email.noPassword")}
