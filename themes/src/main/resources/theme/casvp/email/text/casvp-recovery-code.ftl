<#ftl output_format="plainText">
<#-- A recovery code, plain-text part. Same variables as the HTML part. -->
${msg("casvp.email.greeting")}

${msg("casvp.email.recoveryCode.intro.${casvpPurpose}")}

${casvpCode}

${msg("casvp.email.code.validity", casvpMinutes)}

${msg("casvp.email.code.askedFrom", casvpBrowser, casvpOs, casvpNetwork)}

${msg("casvp.email.recoveryCode.notYou.${casvpPurpose}")}

--
${msg("casvp.email.footer")}
${msg("casvp.email.noPassword")}
