<#--
  Fields of the bundle's own pages, in the PatternFly 5 structure of keycloak.v2's field.ftl
  (form group, label group, the control in its pf-v5-c-form-control wrapper, helper text), so
  they look and space like Keycloak's own pages. Other attributes (autocapitalize, …) pass
  through as "extra". Auto-escaped.
-->
<#import "field.ftl" as field>

<#macro text name label type="text" autocomplete="off" value="" hint="" numeric=false autofocus=true extra...>
    <@field.group name=name label=label>
        <span class="${properties.kcInputClass}">
            <input id="${name}" name="${name}" type="${type}" value="${value}" autocomplete="${autocomplete}"
                   <#if numeric>inputmode="numeric"</#if> <#if autofocus>autofocus</#if>
                   <#list extra as attribute, attributeValue>${attribute}="${attributeValue}" </#list>
                   <#if hint?has_content>aria-describedby="${name}-hint"</#if>/>
        </span>
        <#if hint?has_content>
            <div class="pf-v5-c-form__helper-text">
                <div class="pf-v5-c-helper-text">
                    <div class="pf-v5-c-helper-text__item" id="${name}-hint">
                        <span class="pf-v5-c-helper-text__item-text">${hint}</span>
                    </div>
                </div>
            </div>
        </#if>
    </@field.group>
</#macro>
