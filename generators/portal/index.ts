import { portalPart } from '../../lib/plans/portal.js';
import { appSettings, portalCommands, portalStepsFile } from '../../lib/azure/portal-settings.js';
import { SiteGenerator, type SiteOptions } from '../../lib/engine/yeoman/site-generator.js';
import { djangoSecretKeySource, siteLayout, withAppOwner } from '../../lib/site/layout.js';

/** `yo azure-python:portal`: Option 1, the handler mapping and app settings as files for the Azure CLI. */
export default class PortalGenerator extends SiteGenerator {
  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'portal');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
  }

  configuring(): void {
    this.keepAnswers();
  }

  writing(): void {
    this.writeFiles(portalPart.plan);
  }

  end(): void {
    this.summarise();
    const owned = withAppOwner(this.answers, file => this.holdsUserFile(file));
    const layout = siteLayout(owned);
    this.log.info(`Option 1 (portal): configure site ${this.answers.siteName} with these values (also in ${portalStepsFile}):`);
    this.log(`  Handler mapping: extension *  script processor ${layout.runtime.interpreter}  arguments ${layout.runtime.wfastcgi}`);
    for (const setting of appSettings(layout, this.answers.wsgiLog)) this.log(`  App setting: ${setting.name} = ${setting.value}`);
    this.log('Or apply them with the Azure CLI:');
    for (const command of portalCommands(this.answers.siteName, layout, djangoSecretKeySource({ ...owned, config: 'portal' }) === 'portal')) this.log(`  ${command}`);
  }
}
