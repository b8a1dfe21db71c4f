<#ftl output_format="plainText">
<#-- To the security contact: an agent used "this wasn't me". Same variables as the HTML part. -->
${msg("casvp.email.notMeContact.what", casvpAgent, casvpWhen)}

- ${msg("casvp.email.notMeContact.sessions", casvpSessionsEnded)}
- ${msg("casvp.email.notMeContact.devices", casvpDevicesForgotten)}
- ${msg("casvp.email.notMeContact.password")}

${msg("casvp.email.notMeContact.next")}

--
${msg("casvp.email.footer")}
