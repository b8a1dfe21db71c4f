<#-- casvp-recovery-code (forgot password): the same page whether or not the identifier exists.
     Variables: casvpMinutes. Auto-escaped. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#import "casvp-fields.ftl" as casvpField>
<#-- Keycloak shows the identifier back only when it matched an account: hidden here, so the
     page is the same for an unknown identifier. The link below restarts for everyone. -->
<#global auth = "">
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("casvp.recoveryCode.title")}
    <#elseif section = "form">
        <p id="casvp-recovery-code-sent">${msg("casvp.recoveryCode.sent", casvpMinutes)}</p>
        <form id="casvp-recovery-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@casvpField.text name="code" label=msg("casvp.recoveryCode.label") autocomplete="one-time-code"
                    hint=msg("casvp.recoveryCode.helpdeskHint") autocapitalize="characters" spellcheck="false"/>
            <@buttons.actionGroup>
                <@buttons.button id="casvp-recovery-code-submit" name="verify" label="casvp.recoveryCode.continue" value="verify"/>
                <@buttons.button id="casvp-recovery-code-resend" name="resend" label="casvp.recoveryCode.resend" type="secondary" value="resend"/>
            </@buttons.actionGroup>
        </form>
        <p id="casvp-recovery-code-restart"><a href="${url.loginRestartFlowUrl}">${msg("casvp.recoveryCode.restart")}</a></p>
        <section id="casvp-recovery-code-nothing" class="pf-v5-c-alert pf-m-info pf-m-inline casvp-panel"
                 aria-labelledby="casvp-recovery-code-nothing-title">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw fa-info-circle" aria-hidden="true"></i></div>
            <h2 id="casvp-recovery-code-nothing-title" class="pf-v5-c-alert__title">${msg("casvp.recoveryCode.nothingTitle")}</h2>
            <div class="pf-v5-c-alert__description"><p>${msg("casvp.recoveryCode.nothing")}</p></div>
        </section>
    </#if>
</@layout.registrationLayout>
