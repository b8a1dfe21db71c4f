<#-- casvp-recovery-code (forgot password): the same page whether or not the identifier exists.
     Variables: casvpMinutes. Auto-escaped. -->
<#import "template.ftl" as layout>
<#-- Keycloak shows the identifier back only when it matched an account: hidden here, so the
     page is the same for an unknown identifier. The link below restarts for everyone. -->
<#global auth = "">
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("casvp.recoveryCode.title")}
    <#elseif section = "form">
        <p id="casvp-recovery-code-sent">${msg("casvp.recoveryCode.sent", casvpMinutes)}</p>
        <form id="casvp-recovery-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="code" class="${properties.kcLabelClass!}">${msg("casvp.recoveryCode.label")}</label>
                <input id="code" name="code" type="text" autocomplete="one-time-code" autofocus
                       autocapitalize="characters" spellcheck="false" class="${properties.kcInputClass!}"/>
                <p class="casvp-hint">${msg("casvp.recoveryCode.helpdeskHint")}</p>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="casvp-recovery-code-submit" type="submit" name="verify" value="verify"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.recoveryCode.continue")}</button>
                <button id="casvp-recovery-code-resend" type="submit" name="resend" value="resend"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.recoveryCode.resend")}</button>
            </div>
        </form>
        <p id="casvp-recovery-code-restart"><a href="${url.loginRestartFlowUrl}">${msg("casvp.recoveryCode.restart")}</a></p>
        <div id="casvp-recovery-code-nothing">
            <p><strong>${msg("casvp.recoveryCode.nothingTitle")}</strong></p>
            <p>${msg("casvp.recoveryCode.nothing")}</p>
        </div>
    </#if>
</@layout.registrationLayout>
