<#-- casvp-recovery-address (required action): add a recovery address and confirm it with a code.
     Variables: casvpStep (address, code), casvpAddress, casvpMinutes, casvpPostponesLeft. Auto-escaped. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#import "casvp-fields.ftl" as casvpField>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("casvp.recoveryAddress.title")}
    <#elseif section = "form">
        <form id="casvp-recovery-address-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <#if casvpStep == "address">
            <p id="casvp-recovery-address-why">${msg("casvp.recoveryAddress.why")}</p>
            <@casvpField.text name="recoveryEmail" label=msg("casvp.recoveryAddress.label") type="email" autocomplete="email"
                    value=casvpAddress hint=msg("casvp.recoveryAddress.hint")/>
            <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcFormActionGroupClass} pf-v5-u-flex-wrap">
                <@buttons.button id="casvp-recovery-address-send" name="send" label="casvp.recoveryAddress.send" value="send"/>
        <#else>
            <p id="casvp-recovery-address-sent">${msg("casvp.recoveryAddress.sentTo", casvpAddress, casvpMinutes)}</p>
            <@casvpField.text name="code" label=msg("casvp.recoveryAddress.codeLabel") autocomplete="one-time-code" numeric=true/>
            <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcFormActionGroupClass} pf-v5-u-flex-wrap">
                <@buttons.button id="casvp-recovery-address-verify" name="verify" label="casvp.recoveryAddress.verify" value="verify"/>
                <@buttons.button id="casvp-recovery-address-resend" name="resend" label="casvp.recoveryAddress.resend" type="secondary" value="resend"/>
                <@buttons.button id="casvp-recovery-address-change" name="change" label="casvp.recoveryAddress.change" type="secondary" value="change"/>
        </#if>
            <#if casvpPostponesLeft gt 0>
                <button id="casvp-recovery-address-later" type="submit" name="later" value="later" formnovalidate
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.recoveryAddress.later", casvpPostponesLeft)}</button>
            <#else>
                <p id="casvp-recovery-address-mandatory" class="casvp-hint">${msg("casvp.recoveryAddress.noLater")}</p>
            </#if>
            </div>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
