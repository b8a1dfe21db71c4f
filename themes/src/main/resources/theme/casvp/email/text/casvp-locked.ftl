<#ftl output_format="plainText">
<#-- Sign-in locked, plain-text part. Same variables as the HTML part. -->
${msg("casvp.email.greeting")}

${msg("casvp.email.locked.what.${casvpScope}")}

${msg("casvp.email.locked.until", casvpUnlockAt)}

${msg("casvp.email.locked.whatToDo")}
- ${msg("casvp.email.locked.wait")}
- ${msg("casvp.email.locked.reset")}
- ${msg("casvp.email.locked.helpdesk")}

${msg("casvp.email.locked.notYou")}

--
${msg("casvp.email.footer")}
${msg("casvp.email.noPassword")}
