import Generator from 'yeoman-generator';

/** One template, one file: what any Yeoman generator costs at least. */
export default class MinimalGenerator extends Generator {
  constructor(args, options) {
    super(args, options, { customInstallTask: true });
  }

  writing() {
    this.renderTemplate('hello.txt.ejs', 'hello.txt', { name: 'Azure' });
  }
}
